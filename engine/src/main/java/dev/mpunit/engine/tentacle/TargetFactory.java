package dev.mpunit.engine.tentacle;

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
}
