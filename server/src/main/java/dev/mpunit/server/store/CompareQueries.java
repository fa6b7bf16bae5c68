package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        Map<Key, Outcome> before = outcomes(connection, baseId);
        Map<Key, Outcome> after = outcomes(connection, headId);
        List<Key> newFailures = new ArrayList<>();
        List<Key> fixed = new ArrayList<>();
        List<Key> stillFailing = new ArrayList<>();
        List<Key> added = new ArrayList<>();
        List<Key> removed = new ArrayList<>();
        List<Key> benchmarked = new ArrayList<>();
        after.forEach((test, now) -> {
            Outcome then = before.get(test);
            boolean failsNow = now.verdict().equals("fail");
            boolean failedThen = then != null && then.verdict().equals("fail");
            if (then == null) {
                added.add(test);
            }
            if (failsNow && !failedThen) {
                newFailures.add(test);
            } else if (failsNow) {
                stillFailing.add(test);
            } else if (failedThen) {
                fixed.add(test);
            }
            if (then != null && then.score() != null && now.score() != null && then.score() != 0) {
                benchmarked.add(test);
            }
        });
        before.keySet().stream().filter(test -> !after.containsKey(test)).forEach(removed::add);
        // Names only for the tests the answer holds: two runs share most of theirs.
        Set<Long> named = new HashSet<>();
        for (List<Key> list : List.of(newFailures, fixed, stillFailing, added, removed, benchmarked)) {
            list.forEach(test -> named.add(test.testId()));
        }
        Map<Long, String[]> names = names(connection, named);
        java.util.function.Function<Key, Change> change = test -> {
            Outcome then = before.get(test);
            Outcome now = after.get(test);
            String[] name = names.get(test.testId());
            return new Change(name[0], name[1], test.variant(), then == null ? null : then.verdict(),
                    now == null ? null : now.verdict());
        };
        List<BenchmarkChange> benchmarks = new ArrayList<>();
        for (Key test : benchmarked) {
            String[] name = names.get(test.testId());
            double then = before.get(test).score();
            double now = after.get(test).score();
            benchmarks.add(new BenchmarkChange(name[0], name[1], test.variant(), then, now, (now - then) / then * 100));
        }
        benchmarks.sort(Comparator.comparingDouble(BenchmarkChange::changePct));
        return new Comparison(base, head, newFailures.stream().map(change).toList(),
                fixed.stream().map(change).toList(), stillFailing.stream().map(change).toList(),
                added.stream().map(change).toList(), removed.stream().map(change).toList(), benchmarks);
    }

    /** A test on a variant, as a run's results name it. */
    private record Key(long testId, String variant) {
    }

    /** Group and name of each test id. */
    private static Map<Long, String[]> names(Connection connection, Set<Long> testIds) throws SQLException {
        Map<Long, String[]> names = new HashMap<>();
        List<Long> ids = new ArrayList<>(testIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            Sql sql = new Sql("SELECT id, group_name, name FROM tests WHERE id IN ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")").append("", chunk.toArray());
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.put(rows.getLong(1), new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        return names;
    }

    /** A run's verdict and score per test and variant, in the run's order (group, name, variant). */
    private static Map<Key, Outcome> outcomes(Connection connection, long runId) throws SQLException {
        Map<Key, Outcome> outcomes = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT test_id, variant, verdict, bench_score "
                + "FROM results WHERE run_id = ? ORDER BY ord")) {
            statement.setLong(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Outcome outcome = new Outcome(rows.getString(3), Sql.nullableDouble(rows, "bench_score"));
                    outcomes.merge(new Key(rows.getLong(1), rows.getString(2)), outcome,
                            (kept, other) -> other.verdict().equals("fail") ? other : kept);
                }
            }
        }
        return outcomes;
    }
}
