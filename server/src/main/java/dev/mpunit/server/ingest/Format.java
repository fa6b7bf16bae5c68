package dev.mpunit.server.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats an upload may come in; the word is {@code ?format=}'s and what a stored run says it was. */
enum Format {
    MPUNIT("mpunit"), OCTOPROBE("octoprobe"), JUNIT("junit"), RUN_TESTS("run-tests");

    private final String word;

    Format(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    static Format of(String word) throws UploadRejected {
        for (Format format : values()) {
            if (format.word.equals(word.strip().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw new UploadRejected(400, "unknown format '" + word + "'; known: " + known()
                + " (or leave ?format= out to have it recognised)");
    }

    static String known() {
        return Arrays.stream(values()).map(Format::word).collect(Collectors.joining(", "));
    }
}
