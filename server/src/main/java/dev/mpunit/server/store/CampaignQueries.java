package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mpunit.contract.SourceLinks;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A campaign: the runs of several testbeds pushed with one id (a CI matrix, one job per testbed), read
 * as one report: every testbed's counts and runs, and one failures matrix whose columns are every
 * run's board variants (testbed × variant) and whose rows are the tests that failed on any of them.
 */
public final class CampaignQueries {

    /**
     * The most failing tests a campaign's matrix shows: a campaign whose firmware broke everywhere has
     * thousands, which no page or comment shows usefully; each run's own matrix pages through all of them.
     */
    public static final int MAX_ROWS = 500;
    /** Test ids per query of the cells: well under any database's limit on parameters. */
    private static final int CHUNK = 200;

    /**
     * The campaign's report.
     *
     * @param timeStart the earliest start of its runs
     * @param timeEnd the latest end; null while a run is unfinished
     * @param unfinished some run of it is
     * @param failingTests how many tests failed somewhere; {@code rows} holds at most {@link #MAX_ROWS} of them
     * @param capped rows were left out
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Campaign(String campaign, String timeStart, String timeEnd, boolean unfinished, Totals totals,
            List<Testbed> testbeds, List<RunQueries.Run> runs, List<Column> columns, List<Row> rows, int failingTests,
            boolean capped, Links links) {
    }

    /** One testbed's part of the campaign: its runs (usually one) summed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Testbed(String testbed, List<Long> runs, Totals totals, boolean unfinished, Long durationMs) {
    }

    /** A column of the matrix: one board variant of one run of one testbed. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Column(String testbed, String variant, long runId) {
    }

    /**
     * A test that failed somewhere, across every column.
     *
     * @param cells one per column, in the columns' order; null where the test did not run
     */
    public record Row(String group, String name, String source, List<ResultQueries.Cell> cells) {
    }

    /** Where the campaign's comment is read. */
    public record Links(String comment) {
    }

    private CampaignQueries() {
    }

    /** The campaign's report; a {@link NotFound} when no stored run carries the id. */
    public static Campaign campaign(Connection connection, String campaign) throws SQLException {
        List<RunQueries.Run> runs = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + RunQueries.RUN_COLUMNS + RunQueries.RUN_FROM
                + " WHERE r.campaign = ? ORDER BY tb.name, r.time_start, r.id")) {
            statement.setString(1, campaign);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    runs.add(RunQueries.readRun(rows));
                }
            }
        }
        if (runs.isEmpty()) {
            throw new NotFound("no campaign '" + campaign + "': no stored run was pushed with it (mpunit test --campaign,"
                    + " mpunit upload --campaign), or its runs were deleted or purged; GET /api/v1/runs lists the runs"
                    + " with their campaign");
        }
        List<Column> columns = columns(connection, runs);
        Map<Long, String> failing = failingTests(connection, runs);
        List<Long> shown = new ArrayList<>(failing.keySet()).subList(0, Math.min(failing.size(), MAX_ROWS));
        Optional<SourceLinks> links = runs.stream().map(run -> SourceLinks.of(run.refTests())).flatMap(Optional::stream)
                .findFirst();
        List<Row> rows = rows(connection, runs, columns, shown, links);
        Totals totals = Totals.NONE;
        boolean unfinished = false;
        String start = null;
        String end = null;
        Map<String, TestbedSum> testbeds = new LinkedHashMap<>();
        for (RunQueries.Run run : runs) {
            totals = totals.plus(run.totals());
            unfinished |= run.unfinished();
            start = start == null || run.timeStart().compareTo(start) < 0 ? run.timeStart() : start;
            end = run.timeEnd() != null && (end == null || run.timeEnd().compareTo(end) > 0) ? run.timeEnd() : end;
            testbeds.computeIfAbsent(run.testbed(), name -> new TestbedSum()).add(run);
        }
        List<Testbed> perTestbed = new ArrayList<>();
        testbeds.forEach((name, sum) -> perTestbed.add(sum.testbed(name)));
        return new Campaign(campaign, start, unfinished ? null : end, unfinished, totals, perTestbed, runs, columns, rows,
                failing.size(), failing.size() > shown.size(),
                new Links("/api/v1/campaigns/" + campaign + "/comment.md"));
    }

    /** Every run's variants, by testbed (the runs' order) and then variant. */
    private static List<Column> columns(Connection connection, List<RunQueries.Run> runs) throws SQLException {
        List<Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT DISTINCT variant FROM test_runs WHERE run_id = ? ORDER BY variant")) {
            for (RunQueries.Run run : runs) {
                statement.setLong(1, run.id());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        columns.add(new Column(run.testbed(), rows.getString(1), run.id()));
                    }
                }
            }
        }
        return columns;
    }

    /** The tests that failed in any run, by group and name: each run's failures read from its verdict index. */
    private static Map<Long, String> failingTests(Connection connection, List<RunQueries.Run> runs) throws SQLException {
        Map<Long, List<String>> tests = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT DISTINCT r.test_id, t.group_name, t.name "
                + "FROM results r JOIN tests t ON t.id = r.test_id WHERE r.run_id = ? AND r.verdict = 'fail'")) {
            for (RunQueries.Run run : runs) {
                statement.setLong(1, run.id());
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        tests.putIfAbsent(rows.getLong(1), List.of(rows.getString(2), rows.getString(3)));
                    }
                }
            }
        }
        Map<Long, String> ordered = new LinkedHashMap<>();
        tests.entrySet().stream()
                .sorted(Map.Entry.<Long, List<String>>comparingByValue((a, b) -> a.get(0).equals(b.get(0))
                        ? a.get(1).compareTo(b.get(1)) : a.get(0).compareTo(b.get(0))))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue().get(0) + "\n" + entry.getValue().get(1)));
        return ordered;
    }

    /** The shown tests' cells in every column; two test runs of one variant (two tentacle roles) show the failing one. */
    private static List<Row> rows(Connection connection, List<RunQueries.Run> runs, List<Column> columns, List<Long> tests,
            Optional<SourceLinks> links) throws SQLException {
        if (tests.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> columnIndex = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            columnIndex.put(columns.get(i).runId() + "\n" + columns.get(i).variant(), i);
        }
        Map<Long, ResultQueries.Cell[]> cells = new LinkedHashMap<>();
        Map<Long, String[]> names = new HashMap<>();
        for (long test : tests) {
            cells.put(test, new ResultQueries.Cell[columns.size()]);
        }
        String runIds = String.join(", ", Collections.nCopies(runs.size(), "?"));
        for (int from = 0; from < tests.size(); from += CHUNK) {
            List<Long> chunk = tests.subList(from, Math.min(tests.size(), from + CHUNK));
            Sql sql = new Sql("SELECT r.run_id, r.test_id, t.group_name, t.name, r.variant, r.verdict, r.output_path "
                    + "FROM results r JOIN tests t ON t.id = r.test_id").append(" WHERE r.run_id IN (" + runIds + ")",
                    runs.stream().map(RunQueries.Run::id).toArray());
            sql.append(" AND r.test_id IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")",
                    chunk.toArray());
            try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long runId = rows.getLong("run_id");
                    long testId = rows.getLong("test_id");
                    names.putIfAbsent(testId, new String[] {rows.getString("group_name"), rows.getString("name")});
                    Integer column = columnIndex.get(runId + "\n" + rows.getString("variant"));
                    if (column == null) {
                        continue;
                    }
                    ResultQueries.Cell cell = new ResultQueries.Cell(rows.getString("verdict"),
                            FileQueries.url(runId, rows.getString("output_path")));
                    ResultQueries.Cell[] row = cells.get(testId);
                    if (row[column] == null || !row[column].verdict().equals("fail") && cell.verdict().equals("fail")) {
                        row[column] = cell;
                    }
                }
            }
        }
        List<Row> rows = new ArrayList<>();
        cells.forEach((test, row) -> {
            String[] name = names.get(test);
            rows.add(new Row(name[0], name[1], links.map(link -> link.file(name[1])).orElse(null),
                    Collections.unmodifiableList(java.util.Arrays.asList(row))));
        });
        return rows;
    }

    /** A testbed's runs of the campaign summed. */
    private static final class TestbedSum {
        private final List<Long> runs = new ArrayList<>();
        private Totals totals = Totals.NONE;
        private boolean unfinished;
        private Long durationMs;

        void add(RunQueries.Run run) {
            runs.add(run.id());
            totals = totals.plus(run.totals());
            unfinished |= run.unfinished();
            if (run.durationMs() != null) {
                durationMs = durationMs == null ? run.durationMs() : durationMs + run.durationMs();
            }
        }

        Testbed testbed(String name) {
            return new Testbed(name, List.copyOf(runs), totals, unfinished, durationMs);
        }
    }
}
