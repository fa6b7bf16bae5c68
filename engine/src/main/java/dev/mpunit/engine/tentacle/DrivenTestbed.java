package dev.mpunit.engine.tentacle;

import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.tentacle.UsbHost;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * A testbed driven from the command line ({@code mpunit flash}, {@code mpunit list-tentacles} on a
 * simulated testbed) as a run drives it: under the testbed lock, through the {@link UsbHost} that
 * {@code micropython.testbed.usb} names (this machine's, or a simulated testbed's), each real tentacle
 * living the {@link TentacleLife} a run gives it. One path for a run and an operator, live or rehearsed.
 */
public final class DrivenTestbed implements AutoCloseable {

    private final RunTestbed testbed;
    private final Targets targets;
    private final Firmwares firmwares;

    private DrivenTestbed(RunTestbed testbed, Targets targets) {
        this.testbed = testbed;
        this.targets = targets;
        this.firmwares = new Firmwares(targets.configuration().testbed().firmwareDirectory());
    }

    /**
     * Takes the testbed lock and opens the USB, as a run with real tentacles does ({@link RunTestbed#open}).
     *
     * @throws TargetException naming the holder when a run holds the lock, or what to set when the lock or
     *     the simulation cannot be made; nothing was touched
     */
    public static DrivenTestbed open(EngineConfiguration configuration, ConfigurationParameters parameters)
            throws TargetException {
        return new DrivenTestbed(RunTestbed.open(configuration), new Targets(configuration, parameters));
    }

    /** Whether a tentacle is driven through its hub: its board is reached by USB location. */
    public static boolean driven(TentacleSpec tentacle) {
        return RunTestbed.real(tentacle);
    }

    /** The USB the tentacles are driven through: what {@code list-tentacles} reads. */
    public UsbHost usb() {
        return testbed.usb();
    }

    /**
     * What came of bringing a tentacle to a variant's firmware: its record's steps, without the
     * {@code tests} it would go on to in a run and the worker's {@code release}, and the message of the
     * step that failed, if one did.
     */
    public record Flashing(List<LifeRecord.Step> steps, Optional<String> failure) {

        /** Whether the programmer wrote the board. */
        public boolean flashed() {
            return steps.stream().anyMatch(step -> step.action() == LifeRecord.Action.FLASH);
        }
    }

    /**
     * The tentacle's life up to the variant's firmware, as a run's first test would bring it there:
     * power on, delay, port found, firmware check, and when it differs (or {@code micropython.flash=force})
     * boot mode, the programmer, a power cycle and the check again; then power off and release.
     */
    public Flashing flash(TentacleSpec tentacle, String variant) {
        TentacleLife life = new TentacleLife(tentacle, testbed, targets, firmwares);
        Optional<String> failure = Optional.empty();
        try (Target board = life.open(variant)) {
            // Opened, never connected: no test runs; the board is powered off at release.
        } catch (TargetException e) {
            failure = Optional.of(e.getMessage());
        }
        List<LifeRecord.Step> steps = life.release().map(LifeRecord::steps).orElse(List.of()).stream()
                .filter(step -> step.action() != LifeRecord.Action.TESTS && step.action() != LifeRecord.Action.RELEASE)
                .toList();
        return new Flashing(steps, failure);
    }

    /** Stops a simulation and lets the lock go. */
    @Override
    public void close() {
        testbed.close();
    }
}
