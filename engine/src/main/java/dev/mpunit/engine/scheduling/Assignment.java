package dev.mpunit.engine.scheduling;

import java.util.Optional;

/**
 * A piece handed to a tentacle. A two-board piece also names its reference tentacle; {@code flash}
 * says the tentacle's firmware must change first.
 */
public record Assignment<T>(Piece<T> piece, Tentacle tentacle, boolean flash, Optional<Tentacle> reference,
        boolean flashReference) {

    String variant() {
        return piece.run().variant();
    }
}
