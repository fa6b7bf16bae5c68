package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What changes over time: one test's history per testbed and variant, the benchmarks' scores, and
 * the OPNFV-style data sets (a run's duration, its successes against its tests) that dashboards draw.
 * History reads the index {@code (test_id, variant, run_time)}; data sets read {@code test_runs} or
 * {@code runs}, never the results.
 */
public final class TrendQueries {

    /** At most this many points per series: the newest. */
    public static final int MAX_POINTS = 2000;

    /** One test's verdicts, durations and benchmark figures, a series per testbed and variant. */
    public record History(String group, String name, List<Series> series) {
    }

    /**
     * One testbed × variant of a test, oldest point first.
     *
     * @param capped older points than these exist and were left out (more than {@value TrendQueries#MAX_POINTS})
     */
    public record Series(String testbed, String variant, List<Point> points, boolean capped) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Point(long runId, String time, String verdict, Long durationMs, Double score, Double timeUs) {
    }

    /** The benchmarks' scores over time. */
    public record Benchmarks(List<BenchmarkSeries> series) {
    }

    public record BenchmarkSeries(String testbed, String group, String name, String variant, List<BenchmarkPoint> points,
            boolean capped) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BenchmarkPoint(long runId, String time, Double score, Double timeUs) {
    }

    /**
     * A data set as OPNFV's dashboards read it.
     *
     * @param info {@code type} {@code graph} (with axis labels) or {@code bar}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DataSet<P>(String name, Info info, List<P> dataSet) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Info(String type, String xlabel, String ylabel) {
    }

    /** A run's duration in seconds at its start time. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DurationPoint(String x, double y, long runId) {
    }

    /** A run's passed results against all its results. */
    public record StatusPoint(String x, @JsonProperty("run_id") long runId, @JsonProperty("Nb Success") int success,
            @JsonProperty("Nb tests") int tests) {
    }

    /**
     * What a trend is narrowed to; null fields do not narrow.
     *
     * @param from the period's start, null for all time
     */
    public record Filter(String testbed, String group, String variant, Instant from, Instant to) {
    }

    private static final Pattern PERIOD = Pattern.compile("([0-9]{1,5})d");

    private TrendQueries() {
    }

    /** The start of a period ({@code 30d}, {@code 365d}) before now; null for {@code all}. */
    public static Instant periodStart(String period, Instant now, String fallback) {
        String value = period == null || period.isBlank() ? fallback : period;
        if (value.equals("all")) {
            return null;
        }
        Matcher days = PERIOD.matcher(value);
        if (!days.matches()) {
            throw new QueryRefused("period is '" + value + "': give a number of days (30d, 365d) or all");
        }
        return now.minus(Duration.ofDays(Long.parseLong(days.group(1))));
    }

    /** One test's history; its group and name must name a test some run holds. */
    public static History history(Connection connection, String group, String name, Filter filter) throws SQLException {
        long testId;
        try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM tests WHERE group_name = ? AND name = ?")) {
            statement.setString(1, group);
            statement.setString(2, name);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    throw new NotFound("no test '" + name + "' in group '" + group + "': no run holds it; "
                            + "GET /api/v1/runs/{id}/results lists a run's tests with their group and name");
                }
                testId = rows.getLong(1);
            }
        }
        Sql sql = new Sql("SELECT tb.name AS testbed, r.variant, r.run_id, r.run_time, r.verdict, r.duration_ms, "
                + "r.bench_score, r.bench_time_us FROM results r JOIN testbeds tb ON tb.id = r.testbed_id WHERE r.test_id = ?")
                .append("", testId);
        narrow(sql, filter, "r.");
        sql.append(" ORDER BY r.variant, r.run_time DESC");
        Map<List<String>, List<Point>> series = new TreeMap<>(TrendQueries::compareKeys);
        Map<List<String>, Boolean> capped = new TreeMap<>(TrendQueries::compareKeys);
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                List<String> key = List.of(rows.getString("testbed"), rows.getString("variant"));
                List<Point> points = series.computeIfAbsent(key, k -> new ArrayList<>());
                if (points.size() >= MAX_POINTS) {
                    capped.put(key, true);
                    continue;
                }
                points.add(new Point(rows.getLong("run_id"), Sql.iso(Sql.instant(rows, "run_time")), rows.getString("verdict"),
                        Sql.nullableLong(rows, "duration_ms"), Sql.nullableDouble(rows, "bench_score"),
                        Sql.nullableDouble(rows, "bench_time_us")));
            }
        }
        List<Series> answer = new ArrayList<>();
        series.forEach((key, points) -> {
            Collections.reverse(points);
            answer.add(new Series(key.get(0), key.get(1), points, capped.getOrDefault(key, false)));
        });
        return new History(group, name, answer);
    }

    /**
     * The benchmark scores per testbed, test and variant; without a group, every group whose name
     * holds {@code PERFBENCH} (run-perfbench.py's groups).
     */
    public static Benchmarks benchmarks(Connection connection, Filter filter, String name) throws SQLException {
        Sql sql = new Sql("SELECT tb.name AS testbed, t.group_name, t.name, r.variant, r.run_id, r.run_time, r.bench_score, "
                + "r.bench_time_us FROM tests t JOIN results r ON r.test_id = t.id JOIN testbeds tb ON tb.id = r.testbed_id "
                + "WHERE r.bench_score IS NOT NULL");
        if (filter.group() == null) {
            sql.append(" AND t.group_name LIKE '%PERFBENCH%'");
        } else {
            sql.append(" AND t.group_name = ?", filter.group());
        }
        sql.and("t.name = ?", name);
        narrow(sql, new Filter(filter.testbed(), null, filter.variant(), filter.from(), filter.to()), "r.");
        sql.append(" ORDER BY t.group_name, t.name, r.variant, r.run_time DESC");
        Map<List<String>, List<BenchmarkPoint>> series = new TreeMap<>(TrendQueries::compareKeys);
        Map<List<String>, Boolean> capped = new TreeMap<>(TrendQueries::compareKeys);
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                List<String> key = List.of(rows.getString("group_name"), rows.getString("name"), rows.getString("variant"),
                        rows.getString("testbed"));
                List<BenchmarkPoint> points = series.computeIfAbsent(key, k -> new ArrayList<>());
                if (points.size() >= MAX_POINTS) {
                    capped.put(key, true);
                    continue;
                }
                points.add(new BenchmarkPoint(rows.getLong("run_id"), Sql.iso(Sql.instant(rows, "run_time")),
                        Sql.nullableDouble(rows, "bench_score"), Sql.nullableDouble(rows, "bench_time_us")));
            }
        }
        List<BenchmarkSeries> answer = new ArrayList<>();
        series.forEach((key, points) -> {
            Collections.reverse(points);
            answer.add(new BenchmarkSeries(key.get(3), key.get(0), key.get(1), key.get(2), points,
                    capped.getOrDefault(key, false)));
        });
        return new Benchmarks(answer);
    }

    /** Each run's duration in seconds, oldest first: of the whole run, or of the group and variant asked for. */
    public static DataSet<DurationPoint> durations(Connection connection, Filter filter) throws SQLException {
        List<DurationPoint> points = new ArrayList<>();
        for (RunFigures run : runFigures(connection, filter)) {
            if (run.durationMs() != null) {
                points.add(new DurationPoint(run.time(), run.durationMs() / 1000.0, run.runId()));
            }
        }
        return new DataSet<>(dataSetName(filter, "duration"), new Info("graph", "time", "duration"), points);
    }

    /** Each run's passed results against all its results, oldest first. */
    public static DataSet<StatusPoint> statuses(Connection connection, Filter filter) throws SQLException {
        List<StatusPoint> points = new ArrayList<>();
        for (RunFigures run : runFigures(connection, filter)) {
            points.add(new StatusPoint(run.time(), run.runId(), run.pass(), run.total()));
        }
        return new DataSet<>(dataSetName(filter, "status"), new Info("bar", null, null), points);
    }

    private record RunFigures(long runId, String time, Long durationMs, int pass, int total) {
    }

    private static List<RunFigures> runFigures(Connection connection, Filter filter) throws SQLException {
        Sql sql;
        if (filter.group() == null && filter.variant() == null) {
            sql = new Sql("SELECT r.id AS run_id, r.time_start AS run_time, r.duration_ms, r.n_pass, r.n_total FROM runs r "
                    + "WHERE 1 = 1");
            sql.and("r.testbed_id = (SELECT id FROM testbeds WHERE name = ?)", filter.testbed());
            sql.and("r.time_start >= ?", filter.from());
            sql.and("r.time_start < ?", filter.to());
            sql.append(" ORDER BY r.time_start, r.id");
        } else {
            sql = new Sql("SELECT tr.run_id, MIN(tr.run_time) AS run_time, SUM(tr.duration_ms) AS duration_ms, "
                    + "SUM(tr.n_pass) AS n_pass, SUM(tr.n_total) AS n_total FROM test_runs tr WHERE 1 = 1");
            narrow(sql, filter, "tr.");
            sql.and("tr.group_name = ?", filter.group());
            sql.append(" GROUP BY tr.run_id ORDER BY MIN(tr.run_time), tr.run_id");
        }
        List<RunFigures> runs = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                runs.add(new RunFigures(rows.getLong("run_id"), Sql.iso(Sql.instant(rows, "run_time")),
                        Sql.nullableLong(rows, "duration_ms"), rows.getInt("n_pass"), rows.getInt("n_total")));
            }
        }
        return runs;
    }

    /** Testbed, variant and period on a table carrying {@code testbed_id}, {@code variant} and {@code run_time}. */
    private static void narrow(Sql sql, Filter filter, String table) {
        sql.and(table + "testbed_id = (SELECT id FROM testbeds WHERE name = ?)", filter.testbed());
        sql.and(table + "variant = ?", filter.variant());
        sql.and(table + "run_time >= ?", filter.from());
        sql.and(table + "run_time < ?", filter.to());
    }

    private static String dataSetName(Filter filter, String what) {
        StringBuilder name = new StringBuilder();
        if (filter.testbed() != null) {
            name.append(filter.testbed()).append(' ');
        }
        if (filter.group() != null) {
            name.append(filter.group());
        }
        if (filter.variant() != null) {
            name.append('@').append(filter.variant());
        }
        if (filter.group() != null || filter.variant() != null) {
            name.append(' ');
        }
        return name.append(what).toString();
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            int order = a.get(i).compareTo(b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }
}
