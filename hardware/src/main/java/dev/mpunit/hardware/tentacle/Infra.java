package dev.mpunit.hardware.tentacle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import dev.mpunit.hardware.board.Outcome;
import dev.mpunit.hardware.board.RawRepl;
import dev.mpunit.hardware.board.Timeouts;

/**
 * The infra Pico of a tentacle, driven over its raw REPL. It runs plain MicroPython; the first call
 * loads {@link #BASE_CODE} into it (as octoprobe does, with octoprobe's names: {@code pin_relays},
 * {@code set_relays}, {@code set_switch}, {@code pin_LED_ACTIVE}, {@code pin_LED_ERROR}), the others
 * call those functions. Relay {@code n} is on GPIO {@code n}; relay 1 holds the DUT's boot pin.
 */
public final class Infra {

    /** The relay wired to the DUT's boot pin (BOOTSEL, GPIO0, BOOT0). */
    public static final int RELAY_DUT_BOOT = 1;
    public static final int RELAY_COUNT = 7;

    /** The LEDs the infra Pico drives (tentacle v0.5 and later for the error LED). */
    public enum Led {
        ACTIVE("pin_LED_ACTIVE"), ERROR("pin_LED_ERROR");

        private final String pin;

        Led(String pin) {
            this.pin = pin;
        }
    }

    /** Defines the pins and functions the other calls use; loaded once after each power-up. */
    static final String BASE_CODE = """
            from machine import Pin
            pin_relays = {i: Pin('GPIO%d' % i, Pin.OUT) for i in range(1, 8)}
            pin_LED_ACTIVE = Pin('GPIO24', Pin.OUT)
            pin_LED_ERROR = Pin('GPIO20', Pin.OUT)
            def set_relays(list_relays):
                changed = False
                for i, close in list_relays:
                    if pin_relays[i].value() != close:
                        changed = True
                    pin_relays[i].value(close)
                return changed
            def set_switch(pin, on):
                changed = pin.value() != on
                pin.value(on)
                return changed
            """;

    private static final Duration ENTER = Duration.ofSeconds(3);
    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(10));

    private final String label;
    private final RawRepl repl;
    private boolean loaded;

    /**
     * @param label names the tentacle in messages ({@code tentacle 2731})
     * @param repl the raw REPL on the infra Pico's serial port
     */
    public Infra(String label, RawRepl repl) {
        this.label = Objects.requireNonNull(label, "label");
        this.repl = Objects.requireNonNull(repl, "repl");
    }

    /** Closes ({@code true}) or opens relay {@code relay} (1 to 7). @return whether it changed */
    public boolean relay(int relay, boolean closed) throws IOException, TentacleException {
        if (relay < 1 || relay > RELAY_COUNT) {
            throw new IllegalArgumentException("relays are numbered 1 to " + RELAY_COUNT + ", not " + relay);
        }
        return bool(call("set_relays([(" + relay + ", " + python(closed) + ")])"));
    }

    /** Switches an LED. @return whether it changed */
    public boolean led(Led led, boolean on) throws IOException, TentacleException {
        return bool(call("set_switch(" + led.pin + ", " + python(on) + ")"));
    }

    /**
     * Starts the DUT in its boot loader for flashing: closes the boot relay, power-cycles the DUT
     * port and waits until a device is there, then opens the relay again (also when that failed).
     *
     * @return the DUT as it shows in boot mode (its id and address for the programmer)
     */
    public UsbDevice enterBootMode(HubPorts ports, DiscoveredTentacle tentacle, Duration off, Duration comeBack)
            throws IOException, TentacleException {
        relay(RELAY_DUT_BOOT, true);
        try {
            return ports.cycle(tentacle.label(), tentacle.hubLocation(), DiscoveredTentacle.DUT_PORT, off, comeBack);
        } finally {
            relay(RELAY_DUT_BOOT, false);
        }
    }

    /** The infra Pico lost power: load the base code again before the next call. */
    public void baseCodeLost() {
        loaded = false;
    }

    /** Runs {@code print(expression)}, loading the base code first when needed; the printed text. */
    String call(String expression) throws IOException, TentacleException {
        if (!loaded) {
            repl.enter(ENTER);
            run(BASE_CODE);
            loaded = true;
        }
        return run("print(" + expression + ")").strip();
    }

    private String run(String code) throws IOException, TentacleException {
        Outcome outcome = repl.exec(code.getBytes(StandardCharsets.UTF_8), TIMEOUTS, null);
        if (outcome.ending() != Outcome.Ending.COMPLETED) {
            loaded = false;
            throw new TentacleException(label + ": the infra Pico did not finish " + first(code) + " ("
                    + outcome.ending() + " after " + outcome.duration().toMillis() + " ms)");
        }
        if (outcome.stderr().length > 0) {
            throw new TentacleException(label + ": the infra Pico failed on " + first(code) + ": "
                    + outcome.stderrText().strip());
        }
        return outcome.stdoutText();
    }

    private boolean bool(String printed) throws TentacleException {
        return switch (printed) {
            case "True" -> true;
            case "False" -> false;
            default -> throw new TentacleException(label + ": the infra Pico answered " + printed
                    + " where True or False was expected");
        };
    }

    private static String python(boolean value) {
        return value ? "True" : "False";
    }

    private static String first(String code) {
        String line = code.strip().lines().findFirst().orElse("");
        return code.strip().contains("\n") ? line + " …" : line;
    }
}
