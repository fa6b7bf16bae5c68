package dev.mpunit.hardware.tentacle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tool that writes firmware to a DUT, as the inventory's {@code programmer=…} tag names it, with
 * the board's programmer arguments. {@link #command} builds the command line (see docs/tentacles.md),
 * {@link #flash} runs it. In the arguments, {@code {firmware}}, {@code {port}}, {@code {location}},
 * {@code {bus}}, {@code {address}} and {@code {serial}} are replaced by the DUT's values.
 *
 * @param kind which tool
 * @param args the board's programmer arguments; for {@link Kind#COMMAND} the whole command line
 */
public record Programmer(Kind kind, List<String> args) {

    /** The programmers mpunit knows, by their inventory names. */
    public enum Kind {
        PICOTOOL("picotool", "apt-get install picotool, or build it from github.com/raspberrypi/picotool"),
        ESPTOOL("esptool", "pip install esptool"),
        DFU_UTIL("dfu-util", "apt-get install dfu-util"),
        BOSSAC("bossac", "apt-get install bossa-cli"),
        TEENSY_LOADER_CLI("teensy_loader_cli", "apt-get install teensy-loader-cli"),
        MPREMOTE("mpremote", "pip install mpremote"),
        COMMAND("command", "");

        private final String tool;
        private final String install;

        Kind(String tool, String install) {
            this.tool = tool;
            this.install = install;
        }

        /** The name in the inventory and the executable's name. */
        public String tool() {
            return tool;
        }

        /** The environment variable that may give the executable's path: {@code MPUNIT_DFU_UTIL}. */
        public String variable() {
            return "MPUNIT_" + name();
        }

        /** The kind named {@code name} ({@code picotool}, {@code dfu-util}, …). */
        public static Kind named(String name) {
            for (Kind kind : values()) {
                if (kind.tool.equalsIgnoreCase(name.strip())) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown programmer " + name + "; known: picotool, esptool, dfu-util,"
                    + " bossac, teensy_loader_cli, mpremote, command");
        }
    }

    /**
     * Where the DUT is, in the forms the tools want.
     *
     * @param location the USB location ({@code 1-2.3})
     * @param bus the USB bus number
     * @param address the device address on the bus (picotool), 0 when unknown
     * @param usbSerial the DUT's USB serial number in its current mode, empty when none
     * @param port the DUT's serial port ({@code /dev/ttyUSB0}; esptool, bossac, mpremote), empty when none
     */
    public record Dut(String location, int bus, int address, String usbSerial, String port) {

        /** The DUT as the USB tree shows it, with its serial port when it has one. */
        public static Dut of(UsbDevice device, String port) {
            return new Dut(device.location(), device.bus(), device.address(), device.serial(),
                    port == null ? "" : port);
        }
    }

    public Programmer {
        Objects.requireNonNull(kind, "kind");
        args = List.copyOf(args);
        if (kind == Kind.COMMAND && args.isEmpty()) {
            throw new IllegalArgumentException("programmer=command needs the command line as its arguments");
        }
    }

    public static Programmer of(String name, List<String> args) {
        return new Programmer(Kind.named(name), args);
    }

    /** The command line, the tool's name first (resolved to a path only by {@link #flash}). */
    public List<String> command(Path firmware, Dut dut) {
        List<String> command = new ArrayList<>();
        List<String> extra = args.stream().map(arg -> substitute(arg, firmware, dut)).toList();
        String fw = firmware.toString();
        switch (kind) {
            case PICOTOOL -> {
                command.addAll(List.of("picotool", "load", "--update", "--bus", String.valueOf(dut.bus()),
                        "--address", String.valueOf(dut.address()), "--execute"));
                command.addAll(extra);
                command.add(fw);
            }
            case ESPTOOL -> {
                command.addAll(List.of("esptool", "--port", dut.port()));
                command.addAll(extra);
                command.add(fw);
            }
            case DFU_UTIL -> {
                command.addAll(List.of("dfu-util", "--path", dut.location()));
                command.addAll(extra);
                command.addAll(List.of("--download", fw));
            }
            case BOSSAC -> {
                command.addAll(List.of("bossac", "--erase", "--write", "--port", dut.port(), "--info", "--verify",
                        "--reset"));
                command.addAll(extra);
                command.add(fw);
            }
            case TEENSY_LOADER_CLI -> {
                command.add("teensy_loader_cli");
                command.addAll(extra);
                command.addAll(List.of("-v", "-w", fw));
            }
            case MPREMOTE -> {
                command.addAll(List.of("mpremote", "connect", dut.port()));
                command.addAll(extra.isEmpty() ? List.of("cp", fw, ":") : extra);
            }
            case COMMAND -> command.addAll(extra);
        }
        return command;
    }

    /** Runs the tool with this process's environment. */
    public FlashResult flash(Path firmware, Dut dut, Duration timeout) throws IOException, TentacleException {
        return flash(firmware, dut, timeout, System.getenv());
    }

    FlashResult flash(Path firmware, Dut dut, Duration timeout, Map<String, String> environment)
            throws IOException, TentacleException {
        List<String> command = new ArrayList<>(command(firmware, dut));
        String name = command.get(0);
        String configured = environment.getOrDefault(kind.variable(), "");
        if (kind != Kind.COMMAND && !configured.isBlank()) {
            Path path = ToolRun.find(configured.strip(), environment).orElseThrow(() -> new TentacleException(
                    kind.variable() + "=" + configured + " is not an executable file: correct it or unset it"));
            command.set(0, path.toString());
        } else {
            Path path = ToolRun.find(name, environment).orElseThrow(() -> new TentacleException(notFound(name)));
            command.set(0, path.toString());
        }
        return ToolRun.run(command, environment, timeout);
    }

    private String notFound(String name) {
        if (kind == Kind.COMMAND) {
            return name + " not found on PATH: install it or give its full path in the programmer arguments";
        }
        return name + " not found on PATH: install it (" + kind.install + ") or set " + kind.variable()
                + " to its path";
    }

    private static String substitute(String arg, Path firmware, Dut dut) {
        return arg.replace("{firmware}", firmware.toString()).replace("{port}", dut.port())
                .replace("{location}", dut.location()).replace("{bus}", String.valueOf(dut.bus()))
                .replace("{address}", String.valueOf(dut.address())).replace("{serial}", dut.usbSerial());
    }

    @Override
    public String toString() {
        return kind.tool() + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }
}
