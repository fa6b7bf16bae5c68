package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Two runs side by side: what fails now and did not, what was fixed, what still fails, which tests
 * came and went, and how the benchmark scores moved. A test is matched by group, name and variant;
 * two test runs of one variant (two tentacle roles) count as failing when either failed.
 */
public final class CompareQueries {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Comparison(RunQueries.Run base, RunQueries.Run head, List<Change> newFailures, List<Change> fixed,
            List<Change> stillFailing, List<Change> added, List<Change> removed, List<BenchmarkChange> benchmarks) {
    }

    /** A test on a variant; a verdict is null where the run does not hold the test. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Change(String group, String name, String variant, String baseVerdict, String headVerdict) {
    }

    /**
     * A benchmark's score in both runs.
     *
     * @param changePct the head's score against the base's in percent (negative: slower, as scores grow with speed)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BenchmarkChange(String group, String name, String variant, double baseScore, double headScore,
            double changePct) {
    }

    private record Outcome(String verdict, Double score) {
    }

    private CompareQueries() {
    }

    /**
     * Compares {@code head} against {@code base}; both must exist. New failures fail in head and
     * not in base (or are new); fixed ones failed in base and ran without failing in head; the
     * benchmarks come worst first.
     */
    public static Comparison compare(Connection connection, long baseId, long headId) throws SQLException {
        RunQueries.Run base = RunQueries.existing(connection, baseId);
        RunQueries.Run head = RunQueries.existing(connection, headId);
        Map<List<String>, Outcome> before = outcomes(connection, baseId);
        Map<List<String>, Outcome> after = outcomes(connection, headId);
        List<Change> newFailures = new ArrayList<>();
        List<Change> fixed = new ArrayList<>();
        List<Change> stillFailing = new ArrayList<>();
        List<Change> added = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        List<BenchmarkChange> benchmarks = new ArrayList<>();
        after.forEach((test, now) -> {
            Outcome then = before.get(test);
            Change change = new Change(test.get(0), test.get(1), test.get(2), then == null ? null : then.verdict(), now.verdict());
            boolean failsNow = now.verdict().equals("fail");
            boolean failedThen = then != null && then.verdict().equals("fail");
            if (then == null) {
                added.add(change);
            }
            if (failsNow && !failedThen) {
                newFailures.add(change);
            } else if (failsNow) {
                stillFailing.add(change);
            } else if (failedThen) {
                fixed.add(change);
            }
            if (then != null && then.score() != null && now.score() != null && then.score() != 0) {
                benchmarks.add(new BenchmarkChange(test.get(0), test.get(1), test.get(2), then.score(), now.score(),
                        (now.score() - then.score()) / then.score() * 100));
            }
        });
        before.forEach((test, then) -> {
            if (!after.containsKey(test)) {
                removed.add(new Change(test.get(0), test.get(1), test.get(2), then.verdict(), null));
            }
        });
        benchmarks.sort(Comparator.comparingDouble(BenchmarkChange::changePct));
        return new Comparison(base, head, newFailures, fixed, stillFailing, added, removed, benchmarks);
    }

    /** A run's verdict and score per (group, name, variant), in the run's order. */
    private static Map<List<String>, Outcome> outcomes(Connection connection, long runId) throws SQLException {
        Map<List<String>, Outcome> outcomes = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT t.group_name, t.name, r.variant, r.verdict, "
                + "r.bench_score FROM results r JOIN tests t ON t.id = r.test_id WHERE r.run_id = ? ORDER BY r.ord")) {
            statement.setLong(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Outcome outcome = new Outcome(rows.getString("verdict"), Sql.nullableDouble(rows, "bench_score"));
                    outcomes.merge(List.of(rows.getString("group_name"), rows.getString("name"), rows.getString("variant")),
                            outcome, (kept, other) -> other.verdict().equals("fail") ? other : kept);
                }
            }
        }
        return outcomes;
    }
}
