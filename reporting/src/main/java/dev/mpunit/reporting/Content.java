package dev.mpunit.reporting;

import java.nio.file.Path;

/** An output or expected output: the text of a report entry, or the file of a file entry. */
record Content(String text, Path file) {

    static Content inline(String text) {
        return new Content(text, null);
    }

    static Content inFile(Path file) {
        return new Content(null, file);
    }

    void writeTo(AtomicFiles files, Path target) {
        if (file != null) {
            files.copy(file, target);
        } else {
            files.write(target, text);
        }
    }
}
