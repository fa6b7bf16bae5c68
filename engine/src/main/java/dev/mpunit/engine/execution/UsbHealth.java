package dev.mpunit.engine.execution;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.platform.engine.reporting.ReportEntry;

import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.UsbHealthSettings;
import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.engine.tentacle.RunTestbed;
import dev.mpunit.hardware.tentacle.KernelLogWatch;
import dev.mpunit.hardware.tentacle.KernelUsbMessage;
import dev.mpunit.hardware.tentacle.SimulatedUsb;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.Testbed;

/**
 * The testbed's USB as the kernel log tells it, while a testbed run lasts: what was seen goes into
 * the run's report entry ({@link ReportEntryKeys#USB_HEALTH}); the first critical message stops the
 * handing out of work, said once, with the remedy. Octoprobe stops its whole run on such messages
 * too: a hub or host controller that failed makes every later verdict on it doubtful.
 */
final class UsbHealth implements AutoCloseable {

    /** What to do about a testbed whose USB fails (docs/testbed-host.md says how). */
    static final String REMEDY = "turn USB autosuspend off (kernel parameter usbcore.autosuspend=-1), keep the"
            + " tentacle hubs and USB-serial bridges powered on with the udev rules of docs/testbed-host.md,"
            + " and check the cables and the hubs' power supply";

    private static final String OK = "ok";
    private static final String WARNING = "warning";
    private static final String CRITICAL = "critical";
    private static final String UNWATCHED = "unwatched";

    private final boolean watching;
    private final Consumer<String> stop;
    private final Consumer<String> say;
    /** The tentacle whose board is at a USB location: a board's own messages never stop the run. */
    private final Function<String, Optional<String>> dutAt;
    private final List<KernelUsbMessage> seen = new ArrayList<>();
    private KernelLogWatch watch;
    private String stoppedBecause;
    private String unwatched;

    private UsbHealth(boolean watching, Consumer<String> stop, Consumer<String> say,
            Function<String, Optional<String>> dutAt) {
        this.watching = watching;
        this.stop = stop;
        this.say = say;
        this.dutAt = dutAt;
    }

    static UsbHealth start(Optional<Testbed> testbed, UsbHealthSettings settings, Consumer<String> stop,
            Consumer<String> say) {
        return start(testbed, settings, Optional.empty(), stop, say);
    }

    /**
     * Starts watching when the run should ({@code micropython.usb-health}); a kernel log that cannot be
     * read is said in one line and the run goes on.
     *
     * @param real the run's real tentacles: a simulated testbed's kernel log is its folder's {@code kernel.log},
     *     and the boards found are where their own messages come from
     * @param stop told once, with the reason, when a critical message comes: no more work is to be handed out
     * @param say the console: one line when the log cannot be read, the one message when work stops
     */
    static UsbHealth start(Optional<Testbed> testbed, UsbHealthSettings settings, Optional<RunTestbed> real,
            Consumer<String> stop, Consumer<String> say) {
        return start(testbed, settings, real.flatMap(RunTestbed::simulatedFolder),
                location -> real.flatMap(run -> run.dutAt(location)), stop, say);
    }

    /**
     * @param simulated the folder of the simulated testbed the run drives, if it does
     * @param dutAt the tentacle whose board is at a USB location
     */
    static UsbHealth start(Optional<Testbed> testbed, UsbHealthSettings settings, Optional<Path> simulated,
            Function<String, Optional<String>> dutAt, Consumer<String> stop, Consumer<String> say) {
        if (testbed.isEmpty() || settings.mode() == UsbHealthSettings.Mode.OFF
                || (settings.mode() == UsbHealthSettings.Mode.AUTO && !onUsb(testbed.get()))) {
            return new UsbHealth(false, stop, say, dutAt);
        }
        UsbHealth health = new UsbHealth(true, stop, say, dutAt);
        KernelLogWatch.Source source;
        if (settings.command().isPresent()) {
            source = new KernelLogWatch.Source.Command(List.of("sh", "-c", settings.command().get()));
        } else if (simulated.isPresent()) {
            // A simulated testbed's kernel is its folder's log: this machine's says nothing about it.
            try {
                source = new KernelLogWatch.Source.Command(SimulatedUsb.followKernelLog(simulated.get()));
            } catch (IOException e) {
                health.unwatchable("the simulated testbed's kernel log " + SimulatedUsb.kernelLog(simulated.get())
                        + " cannot be read: " + e.getMessage());
                return health;
            }
        } else {
            source = KernelLogWatch.ofThisMachine();
        }
        if (source instanceof KernelLogWatch.Source.Unreadable unreadable) {
            health.unwatchable(unreadable.why());
            return health;
        }
        KernelLogWatch.Source.Command command = (KernelLogWatch.Source.Command) source;
        try {
            health.watch = KernelLogWatch.start(command, health::heard, health::ended);
        } catch (IOException e) {
            health.unwatchable("the kernel log command (" + command.text() + ") could not be started: " + e.getMessage()
                    + (settings.command().isPresent() ? "; correct " + ConfigurationKeys.USB_HEALTH_COMMAND : ""));
        }
        return health;
    }

    /** Whether a tentacle's board is reached over USB: a real tentacle's, or a board on a USB serial port. */
    static boolean onUsb(Testbed testbed) {
        return testbed.tentacles().stream().map(spec -> spec.dut()).anyMatch(dut -> dut instanceof DutAccess.UsbLocation
                || dut instanceof DutAccess.UsbSerial
                || (dut instanceof DutAccess.Device device && !(device.device() instanceof DeviceString.Exec)
                        && !(device.device() instanceof DeviceString.ExecPty)));
    }

    /** Whether a critical message stopped the handing out of work. */
    synchronized boolean stopped() {
        return stoppedBecause != null;
    }

    private synchronized void unwatchable(String why) {
        unwatched = why;
        say.accept("USB health is not watched: " + why);
    }

    /** On the watch's reader thread: a critical message stops the work before the next line is read. */
    private void heard(KernelUsbMessage heard) {
        KernelUsbMessage message = atABoard(heard).isPresent() ? new KernelUsbMessage(KernelUsbMessage.Severity.WARNING,
                heard.time(), heard.device(), heard.location(), heard.text(), heard.line()) : heard;
        String why;
        synchronized (this) {
            seen.add(message);
            if (message.severity() != KernelUsbMessage.Severity.CRITICAL || stoppedBecause != null) {
                return;
            }
            stoppedBecause = "the kernel reports the testbed's USB unreliable: " + message.message()
                    + "; remedy: " + REMEDY;
            why = stoppedBecause;
        }
        stop.accept(why);
        say.accept("no more tests are handed out: " + why + "; the tests not run are skipped with this reason");
    }

    /**
     * The tentacle when the message is about a board under test itself ({@code usb 1-4.2.3: …}, not its
     * hub's port {@code usb 1-4.2-port3: …}): as Octoprobe does, a board's own messages are expected
     * (it reboots, enters its boot loader, is power-cycled, crashes) and never stop the run; they are
     * kept as warnings. Its hub's port, the hubs and the host controller keep their severity.
     */
    private Optional<String> atABoard(KernelUsbMessage message) {
        String name = message.device().startsWith("usb ") ? message.device().substring(4) : "";
        if (name.isEmpty() || name.contains("-port") || !(name.equals(message.location())
                || name.startsWith(message.location() + ":"))) {
            return Optional.empty();
        }
        return dutAt.apply(message.location());
    }

    private synchronized void ended(String why) {
        if (unwatched == null) {
            unwatched = why;
            say.accept("USB health is not watched any more: " + why);
        }
    }

    /** The run's entry: empty when it did not watch. */
    synchronized Optional<ReportEntry> entry() {
        if (!watching) {
            return Optional.empty();
        }
        Map<String, String> entry = new LinkedHashMap<>();
        boolean anyCritical = seen.stream().anyMatch(m -> m.severity() == KernelUsbMessage.Severity.CRITICAL);
        entry.put(ReportEntryKeys.USB_HEALTH, anyCritical ? CRITICAL
                : unwatched != null ? UNWATCHED : seen.isEmpty() ? OK : WARNING);
        String reason = stoppedBecause != null ? stoppedBecause + (unwatched != null ? "; then " + unwatched : "")
                : unwatched != null ? unwatched + warnings()
                : seen.isEmpty() ? "" : seen.size() + " USB warning(s) in the kernel log, none critical; if they"
                        + " come often: " + REMEDY;
        entry.put(ReportEntryKeys.USB_HEALTH_REASON, reason);
        entry.put(ReportEntryKeys.USB_HEALTH_MESSAGES, seen.stream()
                .map(m -> String.join("\t", m.severity().word(), m.time(), m.location(), m.message().replace('\t', ' ')))
                .collect(Collectors.joining("\n")));
        entry.values().removeIf(String::isBlank);
        return Optional.of(ReportEntry.from(entry));
    }

    private String warnings() {
        return seen.isEmpty() ? "" : "; " + seen.size() + " USB warning(s) seen before";
    }

    @Override
    public void close() {
        KernelLogWatch open;
        synchronized (this) {
            open = watch;
            watch = null;
        }
        if (open != null) {
            open.close();
        }
    }
}
