package dev.mpunit.hardware.tentacle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.mpunit.hardware.Reaper;
import dev.mpunit.hardware.serial.SerialPortInfo;

/**
 * A testbed of tentacles that exist only on this machine, for tests and for an operator rehearsing
 * a testbed: its hub port power really starts and stops an emulated board. The folder holds one
 * subfolder per tentacle, named by its serial; tentacle <i>n</i> (in name order) is the hub at
 * {@code 1-n} with
 *
 * <ul>
 *   <li>on port 1 its infra "Pico" ({@code 2e8a:0005}, the serial): CPython answering MicroPython's
 *       raw REPL on a pty ({@code simulated-infra.py}), whose {@code machine.Pin} records each relay
 *       change in {@code relay<n>} and {@code events.log};</li>
 *   <li>on port 3 its board under test, while that port is powered: QEMU's micro:bit running
 *       {@code flash.hex}, its UART a pty listed as the serial port at {@code 1-n.3}; or, when relay 1
 *       was closed at power-on, its boot loader (no serial port; {@code bootloader} exists), which is
 *       when the {@code flash} script beside the subfolders writes {@code flash.hex}:
 *       {@code flash <tentacle folder> <firmware>} is the programmer ({@code kind command});</li>
 *   <li>a file {@code dead} in the subfolder makes the board stay dark at power-on, and a file
 *       {@code lives} holding <i>n</i> lets it come up <i>n</i> times only: a board that never comes
 *       back.</li>
 * </ul>
 *
 * Its hubs' ports are switched through {@link HubPorts}' sysfs code on a sysfs-like tree in the folder
 * ({@code sys/bus/usb/devices/1-n:1.0/1-n-port<N>/disable}): a file this user may not write is the real
 * missing-right message. Each device that comes or goes on a board's port is a line of
 * {@code kernel.log}, as the kernel writes it; a file {@code flaky-usb} in a subfolder makes the next
 * power-on give a bad cable's enumeration errors and no board.
 * Each power change, QEMU start and stop is a line of the subfolder's {@code events.log};
 * {@code qemu.pid} holds the running QEMU's pid, {@code infra.pid} the infra's. Every process is stopped by {@link #close()}.
 */
public final class SimulatedUsb implements UsbHost, AutoCloseable {

    /** How {@code micropython.testbed.usb} names a simulated testbed: {@code simulated:<folder>}. */
    public static final String SCHEME = "simulated:";
    /** The board under test as it runs and in its boot loader (the micro:bit's DAPLink). */
    static final int DUT_VENDOR = 0x0d28;
    static final int DUT_PRODUCT = 0x0204;
    private static final Pattern PTY = Pattern.compile("/dev/pts/\\d+");
    private static final Duration START = Duration.ofSeconds(10);

    /** The folder of the sysfs-like tree, beside the tentacles' subfolders. */
    private static final String SYS = "sys";
    /** The simulated kernel log, beside the tentacles' subfolders. */
    private static final String KERNEL_LOG = "kernel.log";
    /** A tentacle's marker: its next power-on fails as a bad cable does. */
    public static final String FLAKY_USB = "flaky-usb";

    private final Path folder;
    private final String qemu;
    private final String python;
    private final Map<String, Simulated> tentacles = new LinkedHashMap<>();
    /** The simulated hubs' ports are switched by the production sysfs code, on the tree in the folder. */
    private final HubPorts hubPorts;
    /** The kernel numbers the devices of a bus in the order they come. */
    private int deviceNumber = 1;

    private SimulatedUsb(Path folder, String qemu, String python) {
        this.folder = folder;
        this.qemu = qemu;
        this.python = python;
        this.hubPorts = new HubPorts(tree(), (device, request) -> {
            throw new TentacleException("a simulated hub has no device node: it is switched through sysfs only");
        }, folder.resolve(SYS).resolve("bus/usb/devices"), folder.resolve("dev/bus/usb"), HubPorts.Switch.SYSFS);
    }

    /**
     * Starts the infra of every tentacle under {@code folder}; their boards stay off until powered.
     *
     * @param qemu the QEMU command ({@code qemu-system-arm})
     * @param python the Python 3 command ({@code python3})
     * @throws IOException naming what is missing when a tentacle's infra cannot start
     */
    public static SimulatedUsb open(Path folder, String qemu, String python) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("no simulated testbed at " + folder + ": make a folder with one subfolder per"
                    + " tentacle serial, each holding the flash.hex its board boots (docs/tentacles.md)");
        }
        SimulatedUsb usb = new SimulatedUsb(folder.toAbsolutePath(), qemu, python);
        try {
            usb.writeTools();
            List<Path> subfolders;
            try (Stream<Path> list = Files.list(folder)) {
                subfolders = list.filter(Files::isDirectory).filter(dir -> !dir.getFileName().toString().equals(SYS))
                        .sorted().toList();
            }
            int hub = 1;
            for (Path subfolder : subfolders) {
                Simulated tentacle = new Simulated(subfolder.getFileName().toString(), subfolder, hub++);
                usb.tentacles.put(tentacle.serial, tentacle);
                usb.sysfsPorts(tentacle);
                tentacle.infra = usb.start(List.of(python, usb.folder.resolve("simulated-infra.py").toString(),
                        subfolder.toString()), "the simulated infra of tentacle " + tentacle.serial);
                Files.writeString(subfolder.resolve("infra.pid"), String.valueOf(tentacle.infra.process.pid()));
            }
        } catch (IOException | RuntimeException e) {
            usb.close();
            throw e;
        }
        return usb;
    }

    /**
     * Another firmware for a rehearsal: {@code hex} with the first {@code from} replaced by
     * {@code to} (as long), checksums recomputed, so that the board reports another version.
     */
    public static void firmwareWithVersion(Path hex, String from, String to, Path out) throws IOException {
        IntelHex.replace(hex, from, to, out);
    }

    /**
     * The version a MicroPython firmware from before {@code sys.implementation._build} reports as
     * {@code os.uname().version}, read from its hex: the text that names {@code MicroPython v} after a
     * {@code "; "} ({@code micro:bit v1.0.1+… on 2023-02-24; MicroPython v1.9.2-34-gd64154c73 on 2017-09-01}).
     */
    public static String versionIn(Path hex) throws IOException {
        return IntelHex.text(hex, "; MicroPython v");
    }

    /**
     * The file a port's power is switched through, as the kernel's: {@code <folder>/sys/bus/usb/devices/
     * <hub>:1.0/<hub>-port<N>/disable}. {@code 1} is off, {@code 0} on.
     */
    public Path disableFile(String serial, int port) {
        String hub = "1-" + tentacle(serial).hub;
        return folder.resolve(SYS).resolve("bus/usb/devices").resolve(hub + ":1.0").resolve(hub + "-port" + port)
                .resolve("disable");
    }

    /** The simulated kernel log: {@code <folder>/kernel.log}, a line per USB device that comes or goes. */
    public static Path kernelLog(Path folder) {
        return folder.toAbsolutePath().resolve(KERNEL_LOG);
    }

    /**
     * The command that follows a simulated testbed's kernel log from its end now on: {@code tail -c +N -F}
     * from the byte after the file's present end, so that no line written after this call is missed,
     * however late {@code tail} opens the file, and none from an earlier run is read again.
     */
    public static List<String> followKernelLog(Path folder) throws IOException {
        Path log = kernelLog(folder);
        long size = Files.exists(log) ? Files.size(log) : 0;
        return List.of("tail", "-c", "+" + (size + 1), "-F", log.toString());
    }

    private Simulated tentacle(String serial) {
        Simulated tentacle = tentacles.get(serial);
        if (tentacle == null) {
            throw new IllegalArgumentException("no tentacle " + serial + " on the simulated testbed " + folder);
        }
        return tentacle;
    }

    /**
     * The tentacle's port files, each as a kernel shows a hub's ports at boot: all on but the board's,
     * which a run powers. A file this user may not write keeps its state and rights: that is how a
     * test or an operator takes the right to switch a port away ({@code chattr +i}).
     */
    private void sysfsPorts(Simulated tentacle) throws IOException {
        for (int port = 1; port <= 4; port++) {
            Path disable = disableFile(tentacle.serial, port);
            Files.createDirectories(disable.getParent());
            if (!Files.exists(disable) || Files.isWritable(disable)) {
                Files.writeString(disable, port == DiscoveredTentacle.DUT_PORT ? "1\n" : "0\n");
            }
        }
    }

    /** The programmer's command line for a tentacle ({@code kind command}): {@code <folder>/flash <tentacle folder> {firmware}}. */
    public List<String> programmer(String serial) {
        return List.of(folder.resolve("flash").toString(), folder.resolve(serial).toString(), "{firmware}");
    }

    /** The testbed's folder. */
    public Path folder() {
        return folder;
    }

    /** The folder of a tentacle: its {@code flash.hex}, {@code events.log}, {@code qemu.pid}, {@code dead}. */
    public Path tentacleFolder(String serial) {
        return folder.resolve(serial);
    }

    private void writeTools() throws IOException {
        try (InputStream script = SimulatedUsb.class.getResourceAsStream("simulated-infra.py")) {
            Files.write(folder.resolve("simulated-infra.py"), Objects.requireNonNull(script).readAllBytes());
        }
        Path flash = folder.resolve("flash");
        Files.writeString(flash, """
                #!/bin/sh
                # The programmer of a simulated tentacle: writes its board's flash, in its boot loader only.
                if [ ! -e "$1/bootloader" ]; then
                    echo "no board in its boot loader at $1: close relay 1 and power-cycle it first" >&2
                    exit 1
                fi
                cp "$2" "$1/flash.hex" && echo "wrote $2 to $1/flash.hex"
                """);
        flash.toFile().setExecutable(true);
    }

    @Override
    public UsbTree tree() {
        return new UsbTree() {
            @Override
            public String source() {
                return "the simulated testbed " + folder;
            }

            @Override
            public List<UsbDevice> devices() {
                return SimulatedUsb.this.devices();
            }
        };
    }

    private synchronized List<UsbDevice> devices() {
        List<UsbDevice> devices = new ArrayList<>();
        devices.add(new UsbDevice(1, List.of(), 1, 0x1d6b, 0x0002, "", "simulated root hub", true));
        for (Simulated tentacle : tentacles.values()) {
            devices.add(new UsbDevice(1, List.of(tentacle.hub), 0, 0x0424, 0x2514, "", "USB2514 (simulated)", true));
            devices.add(new UsbDevice(1, List.of(tentacle.hub, DiscoveredTentacle.INFRA_PORT), 0, 0x2e8a, 0x0005,
                    tentacle.serial, "Board in FS mode (simulated infra)", false));
            if (tentacle.bootLoader) {
                devices.add(new UsbDevice(1, List.of(tentacle.hub, DiscoveredTentacle.DUT_PORT), 0, DUT_VENDOR,
                        DUT_PRODUCT, "", "boot loader (simulated)", false));
            } else if (tentacle.board != null && tentacle.board.process.isAlive()) {
                devices.add(new UsbDevice(1, List.of(tentacle.hub, DiscoveredTentacle.DUT_PORT), 0, DUT_VENDOR,
                        DUT_PRODUCT, "sim-" + tentacle.serial, "BBC micro:bit (simulated, QEMU)", false));
            }
        }
        return devices;
    }

    @Override
    public synchronized List<SerialPortInfo> serialPorts() {
        List<SerialPortInfo> ports = new ArrayList<>();
        for (Simulated tentacle : tentacles.values()) {
            String hub = "1-" + tentacle.hub;
            if (tentacle.infra != null) {
                ports.add(new SerialPortInfo(tentacle.infra.pty, 0x2e8a, 0x0005, tentacle.serial,
                        hub + "." + DiscoveredTentacle.INFRA_PORT + ":1.0", "simulated infra"));
            }
            if (tentacle.board != null && !tentacle.bootLoader && tentacle.board.process.isAlive()) {
                ports.add(new SerialPortInfo(tentacle.board.pty, DUT_VENDOR, DUT_PRODUCT, "sim-" + tentacle.serial,
                        hub + "." + DiscoveredTentacle.DUT_PORT + ":1.1", "simulated micro:bit"));
            }
        }
        return ports;
    }

    /**
     * Writes the port's {@code disable} file through {@link HubPorts}' sysfs code (so a missing right
     * is the message a real testbed gives), then does what the file says: port 3 starts or stops the
     * board under test; the other ports are taken and logged (the infra stays up: the simulation does
     * not restart it).
     */
    @Override
    public synchronized void power(String hubLocation, int port, boolean on) throws TentacleException {
        Simulated tentacle = tentacles.values().stream().filter(t -> hubLocation.equals("1-" + t.hub)).findFirst()
                .orElseThrow(() -> new TentacleException("no USB hub at " + hubLocation + " on the simulated testbed "
                        + folder + ": was the tentacle unplugged?"));
        hubPorts.power(hubLocation, port, on);
        boolean powered;
        try {
            powered = Files.readString(disableFile(tentacle.serial, port)).strip().equals("0");
        } catch (IOException e) {
            throw new TentacleException("cannot read back " + disableFile(tentacle.serial, port) + ": " + e, e);
        }
        tentacle.event("power " + port + (powered ? " on" : " off"));
        if (port != DiscoveredTentacle.DUT_PORT) {
            return;
        }
        try {
            if (!powered) {
                tentacle.powerOff().ifPresent(number -> kernel("usb " + hubLocation + "." + port
                        + ": USB disconnect, device number " + number));
            } else if (!tentacle.powered) {
                tentacle.powered = true;
                powerOn(tentacle);
            }
        } catch (IOException e) {
            throw new TentacleException("the simulated board of tentacle " + tentacle.serial + " did not start: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A line of the simulated kernel log, stamped as dmesg does: seconds of the monotonic clock (on
     * Linux {@code System.nanoTime} counts from boot, as the kernel's stamps do).
     */
    private void kernel(String message) {
        long micros = System.nanoTime() / 1000;
        String line = String.format(java.util.Locale.ROOT, "[%5d.%06d] %s%n", micros / 1_000_000, micros % 1_000_000,
                message);
        try {
            Files.writeString(kernelLog(folder), line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + kernelLog(folder), e);
        }
    }

    /** A device came on the board's port: the kernel's line, and the number it was given. */
    private void connected(Simulated tentacle) {
        tentacle.deviceNumber = deviceNumber++;
        kernel("usb 1-" + tentacle.hub + "." + DiscoveredTentacle.DUT_PORT + ": new full-speed USB device number "
                + tentacle.deviceNumber + " using xhci_hcd");
    }

    private void powerOn(Simulated tentacle) throws IOException {
        Path lives = tentacle.folder.resolve("lives");
        if (Files.exists(tentacle.folder.resolve("dead")) || Files.exists(lives)
                && tentacle.powerOns >= Integer.parseInt(Files.readString(lives).strip())) {
            tentacle.event("stays dark (dead)");
            return;
        }
        Path flaky = tentacle.folder.resolve(FLAKY_USB);
        if (Files.exists(flaky)) {
            // What a bad cable gives: the device answers garbage, the kernel retries, then gives up on the port.
            Files.delete(flaky);
            String location = "1-" + tentacle.hub + "." + DiscoveredTentacle.DUT_PORT;
            kernel("usb " + location + ": new full-speed USB device number " + deviceNumber++ + " using xhci_hcd");
            kernel("usb " + location + ": device descriptor read/64, error -71");
            kernel("usb 1-" + tentacle.hub + "-port" + DiscoveredTentacle.DUT_PORT + ": unable to enumerate USB device");
            tentacle.event("stays dark (flaky USB)");
            return;
        }
        tentacle.powerOns++;
        Path relay = tentacle.folder.resolve("relay1");
        if (Files.exists(relay) && Files.readString(relay).strip().equals("1")) {
            tentacle.bootLoader = true;
            Files.writeString(tentacle.folder.resolve("bootloader"), "");
            tentacle.event("boot loader");
            connected(tentacle);
            return;
        }
        Path hex = tentacle.folder.resolve("flash.hex");
        tentacle.board = start(List.of(qemu, "-M", "microbit", "-device", "loader,file=" + hex, "-nographic",
                "-monitor", "none", "-serial", "pty"), "QEMU for tentacle " + tentacle.serial);
        Files.writeString(tentacle.folder.resolve("qemu.pid"), String.valueOf(tentacle.board.process.pid()));
        tentacle.event("qemu " + tentacle.board.process.pid() + " on flash.hex");
        connected(tentacle);
    }

    /** Starts a process that prints its pty, and drains its output after that. */
    private Started start(List<String> command, String what) throws IOException {
        Process process;
        try {
            process = Reaper.start(new ProcessBuilder(command).redirectErrorStream(true));
        } catch (IOException e) {
            throw new IOException("cannot start " + what + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder printed = new StringBuilder();
        long deadline = System.nanoTime() + START.toNanos();
        String line;
        while ((line = output.readLine()) != null) {
            printed.append(line).append('\n');
            Matcher pty = PTY.matcher(line);
            if (pty.find()) {
                Thread drain = new Thread(() -> drain(output), "mpunit-simulated-" + process.pid());
                drain.setDaemon(true);
                drain.start();
                return new Started(process, pty.group());
            }
            if (System.nanoTime() - deadline > 0) {
                break;
            }
        }
        stop(process);
        throw new IOException(what + " printed no pty: " + printed.toString().strip());
    }

    private static void drain(BufferedReader output) {
        try {
            while (output.readLine() != null) {
                // Nobody reads a simulated board's console; it must not block on a full pipe.
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every board and infra. */
    @Override
    public synchronized void close() {
        for (Simulated tentacle : tentacles.values()) {
            tentacle.powerOff();
            if (tentacle.infra != null) {
                stop(tentacle.infra.process);
                tentacle.infra = null;
            }
        }
    }

    @Override
    public String toString() {
        return SCHEME + folder;
    }

    /** A process and the pty it serves. */
    private record Started(Process process, String pty) {
    }

    /** One tentacle's state. */
    private static final class Simulated {

        private final String serial;
        private final Path folder;
        private final int hub;
        private Started infra;
        private Started board;
        private boolean powered;
        private boolean bootLoader;
        /** The kernel's number of the device on its board's port, while one is there; 0 when none. */
        private int deviceNumber;
        /** How often its board came up. */
        private int powerOns;

        Simulated(String serial, Path folder, int hub) {
            this.serial = serial;
            this.folder = folder;
            this.hub = hub;
        }

        /** The number of the device that was on the port, if one was. */
        Optional<Integer> powerOff() {
            powered = false;
            Optional<Integer> gone = deviceNumber == 0 ? Optional.empty() : Optional.of(deviceNumber);
            deviceNumber = 0;
            if (board != null) {
                event("qemu " + board.process.pid() + " stopped");
                stop(board.process);
                board = null;
            }
            bootLoader = false;
            try {
                Files.deleteIfExists(folder.resolve("bootloader"));
                Files.deleteIfExists(folder.resolve("qemu.pid"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return gone;
        }

        void event(String text) {
            try {
                Files.writeString(folder.resolve("events.log"), text + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + folder.resolve("events.log"), e);
            }
        }
    }
}
