package dev.mpunit.server.ingest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One test group on one variant: one results subfolder ({@code RUN-TESTS_STANDARD@unix}). Octoprobe's
 * two tentacle roles of one board variant are two test runs of one group × variant.
 *
 * @param group the test group ({@code RUN-TESTS_STANDARD})
 * @param variant the port variant or board variant ({@code RPI_PICO2-RISCV})
 * @param folder the subfolder's name in the upload, unique within the run
 * @param tentacles the tentacles it ran on
 * @param error why the test run did not run to its end, null when it did
 */
public record ParsedTestRun(String group, String variant, String folder, List<String> tentacles,
        OffsetDateTime timeStart, OffsetDateTime timeEnd, String error, boolean unfinished,
        List<ParsedResult> results) {

    public ParsedTestRun {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(folder, "folder");
        tentacles = List.copyOf(tentacles);
        results = List.copyOf(results);
    }
}
