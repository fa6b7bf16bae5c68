package dev.mpunit.server.store;

import static dev.mpunit.server.ingest.Verdict.FAIL;
import static dev.mpunit.server.ingest.Verdict.PASS;
import static dev.mpunit.server.store.RunWriterTest.rows;
import static dev.mpunit.server.store.SampleRuns.night;
import static dev.mpunit.server.store.SampleRuns.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.TestDatabases;

class RetentionTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void runsOlderThanTheAgeGoInBatchesExceptBaselinesAndTheSeriesForgetThem(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            RunWriter writer = new RunWriter(opened.database());
            int nights = Retention.BATCH_RUNS * 2 + 5;
            long baseline = 0;
            for (int night = 1; night <= nights; night++) {
                long id = writer.store(SampleRuns.run("bed-a", night(night))
                        .testRun("G", "unix", result("a.py", night % 2 == 0 ? FAIL : PASS))
                        .file("n.txt", "night " + night).file("same.exp", "same").build()).runId();
                if (night == 2) {
                    baseline = id;
                }
            }
            assertThat(writer.setBaseline(baseline, true)).isTrue();
            // "Now" is the last night plus 12 hours: 10 days keep nights (nights-9)..nights.
            Clock now = Clock.fixed(night(nights).plusHours(12).toInstant(), java.time.ZoneOffset.UTC);

            int purged = new Retention(opened.database(), Duration.ofDays(10), now).purge();

            assertThat(purged).isEqualTo(nights - 10 - 1);
            assertThat(rows(opened, "SELECT COUNT(*), MIN(time_start) FROM runs WHERE baseline = FALSE").get(0).get(0))
                    .isEqualTo("10");
            assertThat(rows(opened, "SELECT COUNT(*) FROM runs WHERE baseline = TRUE")).containsExactly(List.of("1"));
            assertThat(rows(opened, "SELECT COUNT(*) FROM results")).containsExactly(List.of("11"));
            assertThat(rows(opened, "SELECT COUNT(*) FROM blobs")).as("10 kept nights, the baseline's and the shared file")
                    .containsExactly(List.of("12"));
            // nights 36..45 alternate from pass (odd 45) back; then the baseline's night 2 (fail).
            assertThat(rows(opened, "SELECT recent FROM test_status")).containsExactly(List.of("PFPFPFPFPFF"));
            assertThat(new Retention(opened.database(), Duration.ofDays(10), now).purge()).isZero();
        }
    }
}
