package dev.mpunit.engine.tentacle;

import java.util.Optional;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * Opens a tentacle's target running one variant's firmware (flashed first when the tentacle must
 * change firmware); called at execution, never at discovery. A tentacle of one variant ignores the
 * argument.
 */
@FunctionalInterface
public interface TargetFactory {

    Target open(String variant) throws TargetException;

    /**
     * The tentacle's worker is done with it (its target closed): a real tentacle's board is powered
     * off. Called once, whether the tentacle was opened or not.
     *
     * @return the tentacle's record of actions, when it keeps one and was opened
     */
    default Optional<LifeRecord> release() {
        return Optional.empty();
    }
}
