package dev.mpunit.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Replaces files whole: a reader (or a run killed mid-write) sees the old content or the new,
 * never half of it.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    static void write(Path target, String content) {
        replace(target, temp -> Files.writeString(temp, content, StandardCharsets.UTF_8));
    }

    static void copy(Path source, Path target) {
        replace(target, temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    private interface Filler {
        void fill(Path temp) throws IOException;
    }

    private static void replace(Path target, Filler filler) {
        try {
            Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            try {
                filler.fill(temp);
                move(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            // The launcher logs a listener's exception and goes on: the tests are not stopped by a full disk.
            throw new UncheckedIOException("could not write " + target, e);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
