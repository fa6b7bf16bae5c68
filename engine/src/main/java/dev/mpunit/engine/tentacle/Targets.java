package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.provider.TargetProvider;
import dev.mpunit.engine.provider.TargetRequest;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.Board;
import dev.mpunit.hardware.board.BoardTarget;
import dev.mpunit.hardware.board.BoardTraits;
import dev.mpunit.hardware.board.DeviceBoards;
import dev.mpunit.hardware.local.WebAssemblyInstallation;
import dev.mpunit.hardware.serial.DeviceSetting;
import dev.mpunit.hardware.tentacle.Tentacles;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * Target factories for one run: each {@code micropython.target} entry and each testbed emulator is
 * opened by the {@link TargetProvider} of its kind; a testbed's real boards are reached as their
 * inventory entry says. Also what the run's targets share: one webassembly installation, the board
 * settings. Nothing is checked or started before a worker opens its target.
 */
public final class Targets {

    private final EngineConfiguration configuration;
    private final ConfigurationParameters parameters;
    private final WebAssemblyInstallation.Config webassembly;
    private WebAssemblyInstallation installation;
    private TargetException installationFailure;

    public Targets(EngineConfiguration configuration, ConfigurationParameters parameters) {
        this.configuration = configuration;
        this.parameters = parameters;
        this.webassembly = new WebAssemblyInstallation.Config(
                configuration.targets().webassemblyVersion(),
                configuration.run().cacheDirectory().resolve("webassembly").resolve(configuration.targets().webassemblyVersion()),
                configuration.targets().node(), configuration.targets().npm(), configuration.targets().webassemblyMjs().orElse(null),
                Duration.ofMinutes(5));
    }

    public EngineConfiguration configuration() {
        return configuration;
    }

    public ConfigurationParameters parameters() {
        return parameters;
    }

    /** Opens instances of a {@code micropython.target} entry: the tentacle {@code variant#instance}. */
    public TargetFactory factory(TargetSpec target, String tentacle) {
        return variant -> target.provider().open(
                new TargetRequest(target.variant(), tentacle, TargetRequest.Firmware.OWN, target.variant(), this));
    }

    /**
     * A tentacle's board under test, reached as its inventory entry says. A real tentacle (its board
     * behind its hub, by USB location) lives a {@link TentacleLife}; a board connected by hand runs as it
     * is found ({@link HandConnected}). An emulated board of several variants is "flashed" by starting
     * it on the variant's firmware; a hand-connected board of several variants with a programmer is
     * flashed by it whenever the variant changes.
     */
    TargetFactory tentacle(TentacleSpec tentacle, Firmwares firmwares, Optional<RunTestbed> testbed) {
        String name = tentacle.label();
        DutAccess dut = tentacle.dut();
        if (RunTestbed.real(tentacle) && testbed.isPresent()) {
            return new TentacleLife(tentacle, testbed.get(), this, firmwares);
        }
        int baud = configuration.targets().serialBaudrate();
        boolean several = tentacle.variants().size() > 1;
        if (dut instanceof DutAccess.Emulator emulator) {
            TargetProvider provider = configuration.targets().kinds().emulator(emulator.kind());
            return variant -> {
                boolean own = !several || variant.equals(tentacle.variants().get(0));
                TargetRequest.Firmware firmware = own && emulator.firmware().isPresent() ? emulator::firmware
                        : several ? () -> Optional.of(firmwares.find(variant)) : TargetRequest.Firmware.OWN;
                return provider.open(new TargetRequest(variant, name, firmware, name, this));
            };
        }
        TargetFactory opener = openerOf(tentacle, name, dut, baud);
        if (!several) {
            // The board runs its one variant already: nothing to flash.
            return dut instanceof DutAccess.UsbLocation ? opener : new HandConnected(opener, reached(dut));
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

    private static String reached(DutAccess dut) {
        if (dut instanceof DutAccess.Device device) {
            return "device " + device.deviceString();
        }
        return dut instanceof DutAccess.UsbSerial usb ? "USB serial number " + usb.serial() : dut.toString();
    }

    private TargetFactory openerOf(TentacleSpec tentacle, String name, DutAccess dut, int baud) {
        // A port that is not there is corrected in the inventory: micropython.target is no option with a testbed.
        DeviceSetting setting = DeviceSetting.inventory(name, configuration.testbed().inventory()
                .map(testbed -> testbed.source().toString()).orElse(ConfigurationKeys.TESTBED));
        // Asked at each open: a board under a tentacle's hub is found on USB when its worker opens it.
        return variant -> board(name, DeviceBoards.of(TentacleDuts.repl(tentacle, Tentacles.live()).orElseThrow(),
                baud, BoardTraits.serialPort(), setting));
    }

    public BoardTarget board(String name, Board board) {
        BoardTarget.Config config = BoardTarget.Config.of(name)
                .withReplTimeout(configuration.targets().boardReplTimeout());
        if (configuration.targets().boardPacing().isPresent()) {
            config = config.withPacing(configuration.targets().boardPacing().get());
        }
        if (!configuration.targets().boardCalibrate()) {
            config = config.withoutCalibration();
        }
        return new BoardTarget(board, config);
    }

    /** One installation per run, shared by every instance and variant; npm runs at most once, at the first test. */
    public synchronized WebAssemblyInstallation webassembly() throws TargetException {
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
     * A setting wrong for the whole run, found before any test runs when a configured variant's kind
     * checks one (a {@code micropython.webassembly.version} that npm does not have). A testbed's
     * targets are checked when opened, as before.
     */
    public Optional<TargetException> checkBeforeRun(Collection<String> variants) {
        if (configuration.testbed().inventory().isPresent()) {
            return Optional.empty();
        }
        for (String variant : variants) {
            TargetSpec target = configuration.targets().target(variant);
            try {
                target.provider().checkBeforeRun(
                        new TargetRequest(variant, variant, TargetRequest.Firmware.OWN, variant, this));
            } catch (TargetException e) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
