package dev.mpunit.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.Board;
import dev.mpunit.hardware.board.BoardTarget;
import dev.mpunit.hardware.board.BoardTraits;
import dev.mpunit.hardware.board.DeviceBoards;
import dev.mpunit.hardware.emulated.QemuMicrobit;
import dev.mpunit.hardware.emulated.WebAssemblyPty;
import dev.mpunit.hardware.local.UnixTarget;
import dev.mpunit.hardware.local.WebAssemblyInstallation;
import dev.mpunit.hardware.local.WebAssemblyTarget;
import dev.mpunit.hardware.serial.DeviceSetting;
import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * Target factories for one run, from the {@code micropython.*} configuration: local ports, emulated
 * boards, boards on a serial line. Nothing is checked or started before a worker opens its target.
 */
final class Targets {

    private final EngineConfiguration configuration;
    private final WebAssemblyInstallation.Config webassembly;
    private WebAssemblyInstallation installation;
    private TargetException installationFailure;

    Targets(EngineConfiguration configuration) {
        this.configuration = configuration;
        this.webassembly = new WebAssemblyInstallation.Config(
                configuration.webassemblyVersion(),
                configuration.cacheDirectory().resolve("webassembly").resolve(configuration.webassemblyVersion()),
                configuration.node(), configuration.npm(), configuration.webassemblyMjs().orElse(null),
                Duration.ofMinutes(5));
    }

    TargetFactory factory(TargetSpec target) {
        return switch (target.kind()) {
            case WEBASSEMBLY -> variant -> new WebAssemblyTarget(webassembly());
            case UNIX -> variant -> UnixTarget.open(new UnixTarget.Config(
                    configuration.unixMicropython().orElse(null), configuration.emit(),
                    configuration.unixMicropypath().orElse(null), configuration.cpython()));
            case QEMU_MICROBIT -> variant -> board(target, QemuMicrobit.open(qemuMicrobit()));
            case WEBASSEMBLY_PTY -> variant -> board(target, WebAssemblyPty.open(webassembly(),
                    configuration.cpython()));
            case DEVICE -> variant -> board(target, DeviceBoards.of(DeviceString.parse(target.variant()),
                    configuration.serialBaudrate(), BoardTraits.serialPort()));
        };
    }

    private BoardTarget board(TargetSpec target, Board board) {
        return board(target.variant(), board);
    }

    /**
     * A tentacle's board under test, reached as its inventory entry says. An emulated micro:bit of
     * several variants is "flashed" by starting QEMU on the variant's firmware; a board with a
     * programmer is flashed by it whenever the variant changes.
     */
    TargetFactory tentacle(TentacleSpec tentacle, Firmwares firmwares) {
        String name = tentacle.label();
        DutAccess dut = tentacle.dut();
        int baud = configuration.serialBaudrate();
        boolean several = tentacle.variants().size() > 1;
        if (dut instanceof DutAccess.Emulator emulator) {
            if (emulator.kind().equals(DutAccess.Emulator.WEBASSEMBLY_PTY)) {
                return variant -> board(name, WebAssemblyPty.open(webassembly(), configuration.cpython()));
            }
            return variant -> {
                QemuMicrobit.Config config = qemuMicrobit();
                boolean own = !several || variant.equals(tentacle.variants().get(0));
                if (own && emulator.firmware().isPresent()) {
                    config = config.withFirmware(emulator.firmware().get());
                } else if (several) {
                    config = config.withFirmware(firmwares.find(variant));
                }
                return board(name, QemuMicrobit.open(config));
            };
        }
        TargetFactory opener = openerOf(tentacle, name, dut, baud);
        if (!several) {
            // The board runs its one variant already: nothing to flash.
            return opener;
        }
        if (tentacle.programmer().isEmpty()) {
            return variant -> {
                throw new TargetException("tentacle " + name + " offers " + tentacle.variants().size()
                        + " variants (" + String.join(", ", tentacle.variants()) + ") but has no programmer to"
                        + " switch between them: add one to its inventory entry, or list one build variant");
            };
        }
        return new ProgrammedTentacle(tentacle, opener, firmwares, () -> TentacleDuts.programmerDut(tentacle));
    }

    private TargetFactory openerOf(TentacleSpec tentacle, String name, DutAccess dut, int baud) {
        // A port that is not there is corrected in the inventory: micropython.target is no option with a testbed.
        DeviceSetting setting = DeviceSetting.inventory(name, configuration.testbed()
                .map(testbed -> testbed.source().toString()).orElse(EngineConfiguration.TESTBED));
        if (dut instanceof DutAccess.Device device) {
            return variant -> board(name, DeviceBoards.of(device.device(), baud, BoardTraits.serialPort(), setting));
        }
        if (dut instanceof DutAccess.UsbSerial usb) {
            return variant -> board(name, DeviceBoards.of(new DeviceString.UsbSerial(usb.serial()), baud,
                    BoardTraits.serialPort(), setting));
        }
        DutAccess.UsbLocation location = (DutAccess.UsbLocation) dut;
        return variant -> board(name, DeviceBoards.of(new DeviceString.UsbLocation(TentacleDuts.location(tentacle, location)),
                baud, BoardTraits.serialPort(), setting));
    }

    private BoardTarget board(String name, Board board) {
        BoardTarget.Config config = BoardTarget.Config.of(name)
                .withReplTimeout(configuration.boardReplTimeout());
        if (configuration.boardPacing().isPresent()) {
            config = config.withPacing(configuration.boardPacing().get());
        }
        if (!configuration.boardCalibrate()) {
            config = config.withoutCalibration();
        }
        return new BoardTarget(board, config);
    }

    private QemuMicrobit.Config qemuMicrobit() {
        QemuMicrobit.Config config = QemuMicrobit.Config.defaults();
        if (configuration.qemu().isPresent()) {
            config = config.withQemu(configuration.qemu().get().toString());
        }
        if (configuration.qemuMicrobitFirmware().isPresent()) {
            config = config.withFirmware(configuration.qemuMicrobitFirmware().get());
        }
        return config;
    }

    /** One installation per run, shared by every instance and variant; npm runs at most once, at the first test. */
    private synchronized WebAssemblyInstallation webassembly() throws TargetException {
        if (installationFailure != null) {
            // One npm run per run: every instance would fail the same way, npm's output each time.
            throw installationFailure;
        }
        if (installation == null) {
            try {
                installation = WebAssemblyInstallation.obtain(webassembly);
            } catch (TargetException e) {
                installationFailure = e;
                throw e;
            }
        }
        return installation;
    }

    /**
     * A {@code micropython.webassembly.version} that npm does not have, found before any test runs
     * when a variant needs the webassembly MicroPython from npm: a configuration error of the whole
     * run. Other installation problems are the variant's, reported with its files as before.
     */
    Optional<TargetException> unknownWebassemblyVersion(Collection<String> variants) {
        boolean needed = configuration.webassemblyMjs().isEmpty() && configuration.testbed().isEmpty()
                && variants.stream().map(configuration::target).map(TargetSpec::kind)
                        .anyMatch(kind -> kind == TargetSpec.Kind.WEBASSEMBLY || kind == TargetSpec.Kind.WEBASSEMBLY_PTY);
        if (!needed) {
            return Optional.empty();
        }
        try {
            webassembly();
            return Optional.empty();
        } catch (WebAssemblyInstallation.UnknownVersionException e) {
            return Optional.of(e);
        } catch (TargetException e) {
            return Optional.empty();
        }
    }
}
