package dev.mpunit.engine.tentacle;

import java.util.Optional;

import dev.mpunit.engine.tentacle.LifeRecord.Action;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * A board connected by hand (Octoprobe's "none" mode): a tentacle reached by its own serial port or
 * USB serial number, not through a tentacle's hub. Nothing locks, powers, checks or flashes it; its
 * record says so, so that the run's report tells it from a tentacle that was driven.
 */
final class HandConnected implements TargetFactory {

    private final TargetFactory opener;
    private final String reached;
    private final LifeRecord record = new LifeRecord();

    /** @param reached how the board is reached, for the record ({@code device /dev/ttyACM0}) */
    HandConnected(TargetFactory opener, String reached) {
        this.opener = opener;
        this.reached = reached;
    }

    @Override
    public synchronized Target open(String variant) throws TargetException {
        if (record.steps().isEmpty()) {
            record.add(Action.HAND_CONNECTED, reached + ": no lock, power or flash steps; the board runs the firmware"
                    + " it has");
        }
        Target target = opener.open(variant);
        record.add(Action.TESTS, variant);
        return target;
    }

    @Override
    public synchronized Optional<LifeRecord> release() {
        if (record.steps().isEmpty()) {
            return Optional.empty();
        }
        record.add(Action.RELEASE, "the worker let the tentacle go (left powered, as it was found)");
        return Optional.of(record);
    }
}
