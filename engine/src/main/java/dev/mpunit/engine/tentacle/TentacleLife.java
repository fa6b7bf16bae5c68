package dev.mpunit.engine.tentacle;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.TestbedConfiguration;
import dev.mpunit.engine.tentacle.LifeRecord.Action;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.BoardTraits;
import dev.mpunit.hardware.board.DeviceBoards;
import dev.mpunit.hardware.board.DutPower;
import dev.mpunit.hardware.board.Pacing;
import dev.mpunit.hardware.board.RawRepl;
import dev.mpunit.hardware.serial.DeviceSetting;
import dev.mpunit.hardware.serial.SerialLink;
import dev.mpunit.hardware.serial.SerialPortLink;
import dev.mpunit.hardware.tentacle.DiscoveredTentacle;
import dev.mpunit.hardware.tentacle.Discovery;
import dev.mpunit.hardware.tentacle.DutPort;
import dev.mpunit.hardware.tentacle.FirmwareCheck;
import dev.mpunit.hardware.tentacle.FlashResult;
import dev.mpunit.hardware.tentacle.HubPorts;
import dev.mpunit.hardware.tentacle.Infra;
import dev.mpunit.hardware.tentacle.Programmer;
import dev.mpunit.hardware.tentacle.TentacleException;
import dev.mpunit.hardware.tentacle.Tentacles;
import dev.mpunit.hardware.tentacle.UsbDevice;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * A real tentacle's life in a run, driven by the worker that owns it, as a testbed drives it: on the
 * first open, under the run's testbed lock, its board is powered on through its hub port, given its
 * power-on delay and found on its serial port by USB location; for each variant its firmware is
 * checked and flashed only when it differs ({@code micropython.flash}): boot mode through the infra's
 * relay, the programmer, a power cycle, the check again. Its board's hard reset is a power cycle.
 * At release the board is powered off. Each step goes into the tentacle's {@link LifeRecord}.
 */
final class TentacleLife implements TargetFactory {

    /** How long the board stays dark in a power cycle. */
    static final Duration OFF = Duration.ofMillis(300);
    /** How long a powered board may take to show its serial port, after its power-on delay. */
    static final Duration PORT = Duration.ofSeconds(10);
    /** How long a board in its boot loader may take to show on USB. */
    static final Duration BOOT_LOADER = Duration.ofSeconds(10);

    private final TentacleSpec tentacle;
    private final RunTestbed testbed;
    private final Targets targets;
    private final Firmwares firmwares;
    private final LifeRecord record = new LifeRecord();
    private final int port;
    private DiscoveredTentacle found;
    private boolean powered;
    /** The board's serial port now; it may move when the board comes back. */
    private String path;
    /** The variant the board was last found or made to run. */
    private String runs;

    TentacleLife(TentacleSpec tentacle, RunTestbed testbed, Targets targets, Firmwares firmwares) {
        this.tentacle = tentacle;
        this.testbed = testbed;
        this.targets = targets;
        this.firmwares = firmwares;
        this.port = Integer.parseInt(((DutAccess.UsbLocation) tentacle.dut()).hubPort().split("\\.")[0]);
    }

    private String label() {
        return "tentacle " + tentacle.label();
    }

    @Override
    public synchronized Target open(String variant) throws TargetException {
        try {
            if (found == null) {
                begin();
            }
            if (!variant.equals(runs)) {
                firmware(variant);
                runs = variant;
            }
        } catch (Firmwares.Missing e) {
            throw e;
        } catch (TargetException e) {
            record.add(Action.FAILED, e.getMessage());
            throw e;
        }
        record.add(Action.TESTS, variant);
        DeviceSetting setting = DeviceSetting.inventory(tentacle.label(), targets.configuration().testbed().inventory()
                .map(inventory -> inventory.source().toString()).orElse(ConfigurationKeys.TESTBED));
        return targets.board(tentacle.label(), DeviceBoards.powered("usb-location:" + found.hubLocation() + "." + port,
                new Recovery(), path, targets.configuration().targets().serialBaudrate(), BoardTraits.serialPort(),
                setting));
    }

    /** Lock (the run's), find the hub, power on, wait the delay, find the serial port. */
    private void begin() throws TargetException {
        record.add(Action.LOCK, testbed.lock().describe());
        found = discover();
        testbed.dutFound(dutLocation(), label());
        powerOn();
    }

    private DiscoveredTentacle discover() throws TargetException {
        Discovery discovery = Tentacles.discover(testbed.usb().tree(), Set.of(tentacle.serial()));
        Optional<DiscoveredTentacle> match = discovery.matched().stream()
                .filter(candidate -> candidate.serial().equalsIgnoreCase(tentacle.serial())).findFirst();
        if (match.isEmpty()) {
            String why = discovery.noneFound().orElse("the tentacles on USB are " + String.join(", ", discovery
                    .found().stream().map(other -> other.serial() + " on " + other.hubLocation()).toList()));
            throw new TargetException(label() + " (serial " + tentacle.serial() + ") was not found on "
                    + testbed.usb() + ": " + why);
        }
        return match.get();
    }

    private void powerOn() throws TargetException {
        try {
            testbed.usb().power(found.hubLocation(), port, true);
            powered = true;
            record.add(Action.POWER_ON, "port " + port + " of hub " + found.hubLocation());
            Thread.sleep(tentacle.powerOnDelay().toMillis());
            record.add(Action.DELAY, tentacle.powerOnDelay().toMillis() + " ms (power_on_delay)");
            path = DutPort.await(testbed.usb(), dutLocation(), PORT);
            record.add(Action.PORT_FOUND, path + " at " + dutLocation());
        } catch (TentacleException e) {
            throw new TargetException(label() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(label() + ": interrupted while powering its board on", e);
        }
    }

    private void powerOff(Action action, String why) throws TentacleException {
        testbed.usb().power(found.hubLocation(), port, false);
        powered = false;
        record.add(action, "port " + port + " of hub " + found.hubLocation() + why);
    }

    private String dutLocation() {
        return found.hubLocation() + "." + ((DutAccess.UsbLocation) tentacle.dut()).hubPort();
    }

    /** The variant's firmware on the board: checked, and flashed when it differs, as {@code micropython.flash} says. */
    private void firmware(String variant) throws TargetException {
        TestbedConfiguration.Flashing flashing = testbed.flashing();
        if (flashing == TestbedConfiguration.Flashing.SKIP) {
            record.add(Action.FIRMWARE_CHECK, "skipped (" + ConfigurationKeys.FLASH + "=skip): the board runs the"
                    + " firmware it has as " + variant);
            return;
        }
        if (flashing == TestbedConfiguration.Flashing.AUTO
                && targets.configuration().testbed().firmwareDirectory().isEmpty()) {
            // Nothing says what the variant's firmware is: the board runs what it has, as before a testbed had lives.
            record.add(Action.FIRMWARE_CHECK, "skipped: no " + ConfigurationKeys.FIRMWARE_DIR + " says what "
                    + variant + " is; the board runs the firmware it has");
            return;
        }
        Path firmware = firmwares.find(variant);
        FirmwareCheck.Expected expected;
        try {
            expected = FirmwareCheck.Expected.beside(firmware, variant);
        } catch (IllegalArgumentException e) {
            throw new TargetException(label() + ": " + e.getMessage(), e);
        }
        String why;
        if (flashing == TestbedConfiguration.Flashing.FORCE) {
            record.add(Action.FIRMWARE_CHECK, "not checked (" + ConfigurationKeys.FLASH + "=force)");
            why = ConfigurationKeys.FLASH + "=force";
        } else {
            FirmwareCheck.Verdict verdict = check(expected);
            record.add(Action.FIRMWARE_CHECK, (verdict.matches() ? "matches " : "differs from ") + variant + ": "
                    + verdict.reason());
            if (verdict.matches()) {
                return;
            }
            why = verdict.reason();
        }
        flash(variant, firmware, why);
        FirmwareCheck.Verdict after = check(expected);
        record.add(Action.FIRMWARE_CHECK, (after.matches() ? "matches " : "still differs from ") + variant
                + " after flashing: " + after.reason());
        if (!after.matches()) {
            throw new TargetException(label() + " still does not run " + variant + " after flashing " + firmware + " ("
                    + after.reason() + "): check that its programmer writes this board, and that the firmware record"
                    + " beside the firmware (" + recordBeside(firmware) + ") gives the build and version it reports; "
                    + ConfigurationKeys.FLASH + "=skip runs the board as it is");
        }
    }

    private static String recordBeside(Path firmware) {
        String name = firmware.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot < 0 ? name : name.substring(0, dot)) + ".json";
    }

    /** Boot mode through the infra's relay 1, the programmer, a power cycle into the new firmware. */
    private void flash(String variant, Path firmware, String why) throws TargetException {
        if (tentacle.programmer().isEmpty()) {
            throw new TargetException(label() + " should be flashed with " + variant + " (" + why + ") but has no"
                    + " programmer: add one to its inventory entry (docs/inventory.md), or flash it by hand and run"
                    + " with " + ConfigurationKeys.FLASH + "=skip");
        }
        UsbDevice bootLoader = bootMode();
        FlashResult result;
        try {
            result = ProgrammedTentacle.flash(tentacle, variant, firmware, Programmer.Dut.of(bootLoader,
                    bootLoaderPort()));
        } catch (TargetException e) {
            throw new TargetException(e.getMessage() + ". Check the tentacle's programmer entry in the inventory"
                    + " (docs/inventory.md) and that the tool can write this board by hand; "
                    + ConfigurationKeys.FLASH + "=skip runs the board as it is", e);
        }
        record.add(Action.FLASH, variant + " from " + firmware + " (" + why + "); " + tentacle.programmer().get().kind()
                + " took " + result.duration().toMillis() + " ms");
        try {
            powerOff(Action.POWER_CYCLE, ": off and on into the new firmware");
            Thread.sleep(OFF.toMillis());
        } catch (TentacleException e) {
            throw new TargetException(label() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(label() + ": interrupted while power-cycling its board", e);
        }
        powerOn();
    }

    /**
     * The serial port of a board in its boot loader, for a programmer that talks to one (esptool,
     * bossac, mpremote, a command with {@code {port}}); empty for the others (picotool, dfu-util).
     */
    private String bootLoaderPort() throws TargetException {
        Programmer programmer = Programmer.of(tentacle.programmer().get().kind(), tentacle.programmer().get().args());
        boolean needsPort = switch (programmer.kind()) {
            case ESPTOOL, BOSSAC, MPREMOTE -> true;
            case COMMAND -> programmer.args().stream().anyMatch(arg -> arg.contains("{port}"));
            default -> false;
        };
        if (!needsPort) {
            return "";
        }
        try {
            return DutPort.await(testbed.usb(), dutLocation(), PORT);
        } catch (TentacleException e) {
            throw new TargetException(label() + ": its board shows no serial port in its boot loader for "
                    + programmer.kind().tool() + " (" + e.getMessage() + ")", e);
        }
    }

    private UsbDevice bootMode() throws TargetException {
        String infraPath;
        try {
            infraPath = DutPort.await(testbed.usb(), found.infraLocation(), PORT);
        } catch (TentacleException e) {
            throw new TargetException(label() + ": its infra Pico has no serial port to put the board into boot mode ("
                    + e.getMessage() + "): check the infra's firmware and its USB cable", e);
        }
        try (SerialLink link = SerialPortLink.open(infraPath)) {
            Infra infra = new Infra(label(), new RawRepl(link, Pacing.of(256, Duration.ZERO), false));
            UsbDevice bootLoader = infra.enterBootMode(HubPorts.of(testbed.usb()), found, OFF, BOOT_LOADER);
            powered = true;
            record.add(Action.BOOT_MODE, "relay " + Infra.RELAY_DUT_BOOT + " closed over a power cycle: "
                    + bootLoader.describe());
            return bootLoader;
        } catch (IOException | TentacleException e) {
            throw new TargetException(label() + ": could not put its board into boot mode through the infra Pico on "
                    + infraPath + ": " + e.getMessage() + ". Check that the infra answers (mpunit list-tentacles) and"
                    + " that relay " + Infra.RELAY_DUT_BOOT + " is wired to the board's boot pin", e);
        }
    }

    /** The firmware the board runs, through a raw REPL of its own that is closed again. */
    private FirmwareCheck.Verdict check(FirmwareCheck.Expected expected) throws TargetException {
        BoardTraits traits = BoardTraits.serialPort();
        try (SerialLink link = SerialPortLink.open(path, targets.configuration().targets().serialBaudrate())) {
            RawRepl repl = new RawRepl(link, traits.pacing(), traits.rawPaste());
            repl.enter(traits.bootTime().plus(targets.configuration().targets().boardReplTimeout()));
            return FirmwareCheck.check(repl, expected);
        } catch (IOException | TentacleException e) {
            throw new TargetException(label() + ": could not read the firmware of its board on " + path + ": "
                    + e.getMessage() + ". Is it running MicroPython with a REPL on USB? "
                    + ConfigurationKeys.FLASH + "=force flashes it without asking", e);
        }
    }

    /** The worker is done: the board is powered off and the tentacle let go. */
    @Override
    public synchronized Optional<LifeRecord> release() {
        if (found != null && powered) {
            try {
                powerOff(Action.POWER_OFF, "");
            } catch (TentacleException e) {
                record.add(Action.FAILED, "could not power the board off: " + e.getMessage());
            }
        }
        if (record.steps().isEmpty()) {
            // Never opened: nothing was touched.
            return Optional.empty();
        }
        record.add(Action.RELEASE, "the worker let the tentacle go");
        return Optional.of(record);
    }

    /** The recovery ladder's hard reset: a power cycle of the board's port, then the port found again. */
    private final class Recovery implements DutPower {

        @Override
        public void off() throws IOException {
            synchronized (TentacleLife.this) {
                try {
                    powerOff(Action.POWER_CYCLE, ": off, to recover the board (the recovery ladder's hard reset)");
                } catch (TentacleException e) {
                    record.add(Action.FAILED, e.getMessage());
                    throw new IOException(e.getMessage(), e);
                }
            }
        }

        @Override
        public String on() throws IOException {
            synchronized (TentacleLife.this) {
                try {
                    Thread.sleep(OFF.toMillis());
                    powerOn();
                    return path;
                } catch (TargetException e) {
                    record.add(Action.FAILED, e.getMessage());
                    throw new IOException(e.getMessage(), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(label() + ": interrupted while power-cycling its board", e);
                }
            }
        }
    }
}
