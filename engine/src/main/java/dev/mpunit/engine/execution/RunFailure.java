package dev.mpunit.engine.execution;

/**
 * A test that could not be judged (target missing, file unreadable, CPython missing): the message
 * says what to do; a Java stack trace would only hide it, so none is recorded.
 */
final class RunFailure extends RuntimeException {

    RunFailure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
