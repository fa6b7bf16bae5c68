package dev.mpunit.engine;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/** Opens one more instance of a variant's target for a worker; called at execution, never at discovery. */
@FunctionalInterface
interface TargetFactory {

    Target open() throws TargetException;
}
