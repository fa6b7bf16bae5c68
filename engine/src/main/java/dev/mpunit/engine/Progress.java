package dev.mpunit.engine;

final class Progress {

    /** {@code micropython.progress}. */
    enum Mode { AUTO, ON, OFF }
}
