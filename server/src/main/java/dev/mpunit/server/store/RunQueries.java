package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.mpunit.contract.SourceLinks;
import dev.mpunit.server.ingest.TestbedRecords;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The runs: the list (newest first, filtered by testbed, trigger, ref, period, baseline), one run's
 * summary with its group × variant table, and the testbeds that pushed. The runs page reads the
 * totals each run carries; nothing here counts results.
 */
public final class RunQueries {

    /**
     * A run as the runs list shows it. Times are ISO-8601 in UTC; {@code campaign} is null for a run on its
     * own, else the id of the campaign whose report ({@code /api/v1/campaigns/{id}}) it is part of.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Run(long id, String testbed, String testbedInstance, String trigger, String refFirmware, String refTests,
            String timeStart, String timeEnd, String uploadedAt, boolean unfinished, boolean baseline, String format,
            String campaign, Long durationMs, Totals totals) {
    }

    /**
     * One run: its list fields, the pages of its two refs' commits (null when a ref gives no link), why it
     * stopped (if it did), how it was started, and its results summed per group × variant (Octoprobe's two
     * tentacle roles of a board variant count as one row); a testbed run's tentacles' records of actions
     * (empty when it has none) and the USB health it saw (null when it did not watch).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(@JsonUnwrapped Run run, String refFirmwareLink, String refTestsLink, String error,
            String commandline, List<Group> groups, Links links, List<TestbedRecords.TentacleLife> tentacles,
            TestbedRecords.UsbHealth usbHealth) {
    }

    /** A group on a variant within a run: the sum of its test runs. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Group(String group, String variant, int testRuns, List<String> tentacles, Totals totals,
            Long durationMs, String error, boolean unfinished) {
    }

    /** Where a run's details, failures matrix and files are read. */
    public record Links(String results, String matrix, String files) {
    }

    /**
     * What the runs list is narrowed to; null fields do not narrow.
     *
     * @param ref matches the firmware's or the tests' ref exactly, or as a prefix when it ends with {@code *}
     * @param from runs started at or after it
     * @param to runs started before it
     */
    public record Filter(String testbed, String trigger, String ref, Instant from, Instant to, Boolean baseline) {

        public static final Filter NONE = new Filter(null, null, null, null, null, null);
    }

    /** A testbed that pushed (or may push): how many runs it has and its newest. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Testbed(String name, long runs, Long lastRunId, String lastRunTime) {
    }

    static final String RUN_COLUMNS = "r.id, tb.name AS testbed, r.testbed_instance, r.trigger_text, r.ref_firmware, "
            + "r.ref_tests, r.time_start, r.time_end, r.uploaded_at, r.unfinished, r.baseline, r.format, r.campaign, r.duration_ms, "
            + "r.n_total, r.n_pass, r.n_fail, r.n_skip, r.n_ignored, r.n_xfail";

    static final String RUN_FROM = " FROM runs r JOIN testbeds tb ON tb.id = r.testbed_id";

    private RunQueries() {
    }

    /** The runs under the filter, newest first ({@code time_start DESC, id DESC}), with their count. */
    public static Page<Run> list(Connection connection, Filter filter, PageRequest request) throws SQLException {
        long total;
        try (PreparedStatement count = where(new Sql("SELECT COUNT(*)" + RUN_FROM + " WHERE 1 = 1"), filter)
                .prepare(connection); ResultSet rows = count.executeQuery()) {
            rows.next();
            total = rows.getLong(1);
        }
        String query = "runs|" + filter;
        return Keyset.page(request, query, (direction, key, limit) -> {
            Sql sql = where(new Sql("SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE 1 = 1"), filter);
            boolean forward = direction == Keyset.Direction.FORWARD;
            if (key != null) {
                Instant time = parseKeyTime(key.get(0));
                long id = parseKeyLong(key.get(1));
                sql.append(forward ? " AND (r.time_start, r.id) < (?, ?)" : " AND (r.time_start, r.id) > (?, ?)", time, id);
            }
            sql.append(forward ? " ORDER BY r.time_start DESC, r.id DESC" : " ORDER BY r.time_start ASC, r.id ASC");
            sql.append(" LIMIT ?", limit);
            List<Run> runs = new ArrayList<>();
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    runs.add(readRun(rows));
                }
            }
            return runs;
        }, run -> List.of(run.timeStart(), Long.toString(run.id())), total);
    }

    private static Sql where(Sql sql, Filter filter) {
        sql.and("r.testbed_id = (SELECT id FROM testbeds WHERE name = ?)", filter.testbed());
        sql.and("r.trigger_text = ?", filter.trigger());
        if (filter.ref() != null) {
            if (filter.ref().endsWith("*")) {
                String prefix = Sql.escapeLike(filter.ref().substring(0, filter.ref().length() - 1)) + "%";
                sql.append(" AND (r.ref_firmware LIKE ?" + Sql.LIKE_ESCAPE + " OR r.ref_tests LIKE ?" + Sql.LIKE_ESCAPE + ")",
                        prefix, prefix);
            } else {
                sql.append(" AND (r.ref_firmware = ? OR r.ref_tests = ?)", filter.ref(), filter.ref());
            }
        }
        sql.and("r.time_start >= ?", filter.from());
        sql.and("r.time_start < ?", filter.to());
        sql.and("r.baseline = ?", filter.baseline());
        return sql;
    }

    /** One run as the list shows it; empty when there is no such run. */
    public static Optional<Run> run(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + RUN_COLUMNS + RUN_FROM + " WHERE r.id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(readRun(rows)) : Optional.empty();
            }
        }
    }

    /**
     * One run's summary, as {@code GET /api/v1/runs/{id}} answers it (and the push, for the run it
     * stored); empty when there is no such run.
     */
    public static Optional<Summary> summary(Connection connection, long id) throws SQLException {
        Run run;
        String error;
        String commandline;
        TestbedRecords records;
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + RUN_COLUMNS
                + ", r.error_text, r.commandline, r.tentacles_json, r.usb_health_json" + RUN_FROM + " WHERE r.id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                run = readRun(rows);
                error = rows.getString("error_text");
                commandline = rows.getString("commandline");
                records = TestbedRecords.fromJson(rows.getString("tentacles_json"), rows.getString("usb_health_json"));
            }
        }
        Map<List<String>, GroupSum> groups = new LinkedHashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT group_name, variant, tentacles, error_text, "
                + "unfinished, duration_ms, n_total, n_pass, n_fail, n_skip, n_ignored, n_xfail FROM test_runs "
                + "WHERE run_id = ? ORDER BY group_name, variant, folder")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    groups.computeIfAbsent(List.of(rows.getString("group_name"), rows.getString("variant")),
                            key -> new GroupSum()).add(rows);
                }
            }
        }
        List<Group> table = new ArrayList<>();
        groups.forEach((key, sum) -> table.add(sum.group(key.get(0), key.get(1))));
        String base = "/api/v1/runs/" + id;
        return Optional.of(new Summary(run, SourceLinks.commit(run.refFirmware()), SourceLinks.commit(run.refTests()),
                error, commandline, table,
                new Links(base + "/results", base + "/matrix", base + "/files"), records.tentacles(), records.usbHealth()));
    }

    /** Every testbed, by name, with its number of runs and its newest run. */
    public static List<Testbed> testbeds(Connection connection) throws SQLException {
        List<Testbed> testbeds = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT tb.name, "
                + "(SELECT COUNT(*) FROM runs r WHERE r.testbed_id = tb.id) AS runs, "
                + "(SELECT r.id FROM runs r WHERE r.testbed_id = tb.id ORDER BY r.time_start DESC, r.id DESC LIMIT 1) AS last_id "
                + "FROM testbeds tb ORDER BY tb.name"); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                testbeds.add(new Testbed(rows.getString("name"), rows.getLong("runs"), Sql.nullableLong(rows, "last_id"), null));
            }
        }
        List<Testbed> withTimes = new ArrayList<>();
        for (Testbed testbed : testbeds) {
            String time = testbed.lastRunId() == null ? null : run(connection, testbed.lastRunId()).map(Run::timeStart).orElse(null);
            withTimes.add(new Testbed(testbed.name(), testbed.runs(), testbed.lastRunId(), time));
        }
        return withTimes;
    }

    static Run readRun(ResultSet rows) throws SQLException {
        return new Run(rows.getLong("id"), rows.getString("testbed"), rows.getString("testbed_instance"),
                rows.getString("trigger_text"), rows.getString("ref_firmware"), rows.getString("ref_tests"),
                Sql.iso(Sql.instant(rows, "time_start")), Sql.iso(Sql.instant(rows, "time_end")),
                Sql.iso(Sql.instant(rows, "uploaded_at")), rows.getBoolean("unfinished"), rows.getBoolean("baseline"),
                rows.getString("format"), rows.getString("campaign"), Sql.nullableLong(rows, "duration_ms"), Totals.read(rows));
    }

    /** The run a route names, or a {@link NotFound}. */
    public static Run existing(Connection connection, long id) throws SQLException {
        return run(connection, id).orElseThrow(() -> NotFound.run(id));
    }

    static Instant parseKeyTime(String value) {
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            throw new QueryRefused("the cursor is damaged: leave cursor out to start again");
        }
    }

    static long parseKeyLong(String value) {
        try {
            return Long.parseLong(value);
        } catch (RuntimeException e) {
            throw new QueryRefused("the cursor is damaged: leave cursor out to start again");
        }
    }

    /** Test runs of one group × variant summed; the tentacles of all of them, in order, once each. */
    private static final class GroupSum {
        private int testRuns;
        private Totals totals = Totals.NONE;
        private Long durationMs;
        private final Set<String> tentacles = new LinkedHashSet<>();
        private final List<String> errors = new ArrayList<>();
        private boolean unfinished;

        void add(ResultSet row) throws SQLException {
            testRuns++;
            totals = totals.plus(Totals.read(row));
            Long duration = Sql.nullableLong(row, "duration_ms");
            if (duration != null) {
                durationMs = durationMs == null ? duration : durationMs + duration;
            }
            tentacles.addAll(tentacleList(row.getString("tentacles")));
            String error = row.getString("error_text");
            if (error != null && !error.isBlank()) {
                errors.add(error);
            }
            unfinished |= row.getBoolean("unfinished");
        }

        Group group(String group, String variant) {
            return new Group(group, variant, testRuns, List.copyOf(tentacles), totals, durationMs,
                    errors.isEmpty() ? null : String.join("\n", errors), unfinished);
        }
    }

    /** The test run's tentacles as stored: separated by commas or new lines. */
    static List<String> tentacleList(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        return Arrays.stream(stored.split("[,\\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
