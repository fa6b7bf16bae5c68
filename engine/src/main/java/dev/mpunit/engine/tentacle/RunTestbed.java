package dev.mpunit.engine.tentacle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.configuration.TestbedConfiguration;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.tentacle.SimulatedUsb;
import dev.mpunit.hardware.tentacle.UsbHost;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;
import dev.mpunit.hardware.testbed.TestbedLock;

/**
 * What a run's real tentacles share: the testbed lock, taken before any of them is touched and
 * held to the end of the run, the USB they are driven through (this machine's, or a simulated
 * testbed's) and the flashing policy.
 */
public final class RunTestbed implements AutoCloseable {

    private final TestbedLock lock;
    private final UsbHost usb;
    private final SimulatedUsb simulated;
    private final TestbedConfiguration.Flashing flashing;
    /** The USB locations of the boards found so far, and their tentacles: the kernel log's messages about them. */
    private final Map<String, String> duts = new ConcurrentHashMap<>();

    private RunTestbed(TestbedLock lock, UsbHost usb, SimulatedUsb simulated, TestbedConfiguration.Flashing flashing) {
        this.lock = lock;
        this.usb = usb;
        this.simulated = simulated;
        this.flashing = flashing;
    }

    /** Whether a tentacle is driven through its hub: its board is reached by USB location. */
    public static boolean real(TentacleSpec tentacle) {
        return tentacle.dut() instanceof DutAccess.UsbLocation;
    }

    /**
     * Takes the testbed lock and opens the USB, for a run with real tentacles ({@link Rigs#realTentacles}).
     *
     * @throws TargetException naming the holder when another run holds the lock, or what to set when
     *     the lock or the simulation cannot be made: the run is refused, nothing was touched
     */
    public static RunTestbed open(EngineConfiguration configuration) throws TargetException {
        TestbedConfiguration testbed = configuration.testbed();
        Path folder = testbed.usb().startsWith(SimulatedUsb.SCHEME)
                ? Path.of(testbed.usb().substring(SimulatedUsb.SCHEME.length())) : null;
        // A rehearsal on a simulated testbed must not keep the real one's runs out.
        Path file = testbed.lockFile().orElse(folder != null ? folder.resolve("testbed.lock") : TestbedLock.DEFAULT_FILE);
        TestbedLock lock;
        try {
            lock = TestbedLock.take(file, TestbedLock.Holder.thisProcess());
        } catch (TestbedLock.HeldException e) {
            throw new TargetException(e.getMessage(), e);
        } catch (IOException e) {
            throw new TargetException("cannot take the testbed lock " + file + " (" + e.getMessage() + "): set "
                    + ConfigurationKeys.TESTBED_LOCK + " to a file this user may create and write", e);
        }
        if (folder == null) {
            return new RunTestbed(lock, UsbHost.live(testbed.hubPower()), null, testbed.flashing());
        }
        try {
            SimulatedUsb simulated = SimulatedUsb.open(folder, configuration.targets().qemu().map(Path::toString)
                    .orElse("qemu-system-arm"), configuration.run().cpython());
            return new RunTestbed(lock, simulated, simulated, testbed.flashing());
        } catch (IOException e) {
            lock.close();
            throw new TargetException(ConfigurationKeys.TESTBED_USB + "=" + testbed.usb() + ": " + e.getMessage(), e);
        }
    }

    TestbedLock lock() {
        return lock;
    }

    UsbHost usb() {
        return usb;
    }

    TestbedConfiguration.Flashing flashing() {
        return flashing;
    }

    /** A tentacle's board is at {@code location} ({@code 1-4.2.3}) for the rest of the run. */
    void dutFound(String location, String tentacle) {
        duts.put(location, tentacle);
    }

    /** The tentacle whose board is at a USB location, once it was found there. */
    public Optional<String> dutAt(String location) {
        return Optional.ofNullable(duts.get(location));
    }

    /** The folder of the simulated testbed the run drives; empty on this machine's USB. */
    public Optional<Path> simulatedFolder() {
        return Optional.ofNullable(simulated).map(SimulatedUsb::folder);
    }

    /** Stops a simulation and lets the lock go, after every tentacle was released. */
    @Override
    public void close() {
        if (simulated != null) {
            simulated.close();
        }
        lock.close();
    }
}
