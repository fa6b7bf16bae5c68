package dev.mpunit.engine.execution;

/** The target's features could not be found out (target_info or a feature check failed to run). */
final class ProbeException extends Exception {

    ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
