package dev.mpunit.reporting;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Replaces files whole: a reader (or a run killed mid-write) sees the old content or the new,
 * never half of it. Every byte the results folder gets passes here, so this is also where the
 * secrets are blanked out: a writer that went around it could leak them.
 */
final class AtomicFiles {

    private final Secrets secrets;

    AtomicFiles(Secrets secrets) {
        this.secrets = secrets;
    }

    void write(Path target, String content) {
        bytes(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** A file entry's content, read whole: it is redacted like any other (outputs are bounded by the test's timeout). */
    void copy(Path source, Path target) {
        try {
            bytes(target, Files.readAllBytes(source));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source, e);
        }
    }

    private void bytes(Path target, byte[] content) {
        byte[] redacted = secrets.redact(content);
        replace(target, redacted);
    }

    private static void replace(Path target, byte[] content) {
        try {
            // Not Files.createTempFile: its files are 0600 whatever the umask. A results folder is
            // shared and uploaded, so its files get the mode any other new file gets here.
            Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
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
