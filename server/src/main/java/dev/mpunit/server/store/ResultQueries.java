package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import dev.mpunit.contract.SourceLinks;
import dev.mpunit.server.ingest.Verdict;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One run's details: its results filtered, sorted and paged (the last page as cheap as the first:
 * every sort is an index order of {@code results}, read forwards or backwards from a key), and its
 * failures matrix (tests × variant).
 */
public final class ResultQueries {

    /** One result of a run, with the links to its output, its expected output and its source. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Result(String group, String name, String variant, String tentacle, String verdict, String message,
            Long durationMs, List<String> incidents, Figures benchmark, String output, String expected, String source) {
    }

    /** A benchmark's figures (run-perfbench.py's time and score, each with its deviation in percent). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Figures(Double timeUs, Double timeSd, Double score, Double scoreSd) {
    }

    /**
     * What the details are narrowed to; empty or null fields do not narrow.
     *
     * @param verdicts any of these verdict words
     * @param text found (case-insensitively, taken literally) in the test's name or its message
     */
    public record Filter(List<String> verdicts, String group, String variant, String text) {

        public static final Filter NONE = new Filter(List.of(), null, null, null);

        public Filter {
            verdicts = List.copyOf(new TreeSet<>(verdicts));
            for (String verdict : verdicts) {
                try {
                    Verdict.ofWord(verdict);
                } catch (IllegalArgumentException e) {
                    throw new QueryRefused("verdict '" + verdict + "' is unknown: give any of pass, fail, skip, ignored, xfail "
                            + "separated by commas");
                }
            }
            if (text != null && text.isEmpty()) {
                text = null;
            }
        }
    }

    /** The details' orders. */
    public enum Sort {
        /** By group, test name, variant and tentacle: the run's own order. */
        NAME("name"),
        /** Longest first; results without a duration come first, in name order. */
        DURATION("-duration"),
        /** By verdict word (fail before pass), then name. */
        VERDICT("verdict");

        private final String word;

        Sort(String word) {
            this.word = word;
        }

        public String word() {
            return word;
        }

        public static Sort of(String word) {
            if (word == null || word.isEmpty()) {
                return NAME;
            }
            return Arrays.stream(values()).filter(sort -> sort.word.equals(word)).findFirst()
                    .orElseThrow(() -> new QueryRefused("sort '" + word + "' is unknown: give name, -duration or verdict"));
        }
    }

    /** The failures matrix: a row per test, a column per variant. */
    public record Matrix(List<String> variants, List<MatrixRow> rows, String next) {
    }

    /** One test across the variants; a cell per variant it ran on. */
    public record MatrixRow(String group, String name, String source, Map<String, Cell> cells) {
    }

    /** A test's verdict on a variant and where its output is. */
    public record Cell(String verdict, String output) {
    }

    private record Row(int ord, Result result) {
    }

    private static final String RESULT_COLUMNS = "r.ord, t.group_name, t.name, r.variant, r.tentacle, r.verdict, "
            + "r.message, r.duration_ms, r.incidents, r.bench_time_us, r.bench_time_sd, r.bench_score, r.bench_score_sd, "
            + "r.output_path, r.expected_path";

    private ResultQueries() {
    }

    /** A page of the run's results under the filter, in the sort's order; the run must exist. */
    public static Page<Result> results(Connection connection, long runId, Filter filter, Sort sort, PageRequest request)
            throws SQLException {
        RunQueries.Run run = RunQueries.existing(connection, runId);
        Optional<SourceLinks> links = SourceLinks.of(run.refTests());
        Long total = filter.text() == null ? countFromTestRuns(connection, runId, filter) : null;
        String query = "results|" + runId + "|" + filter + "|" + sort;
        Page<Row> rows = Keyset.page(request, query, (direction, key, limit) -> {
            List<Row> found = new ArrayList<>();
            for (Segment segment : segments(sort, direction, key)) {
                if (found.size() == limit) {
                    break;
                }
                Sql sql = new Sql("SELECT " + RESULT_COLUMNS + " FROM results r JOIN tests t ON t.id = r.test_id "
                        + "WHERE r.run_id = ?");
                sql.append("", runId);
                narrow(sql, filter);
                sql.append(segment.condition(), segment.values().toArray());
                sql.append(segment.order());
                sql.append(" LIMIT ?", limit - found.size());
                try (PreparedStatement statement = sql.prepare(connection); ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        found.add(new Row(result.getInt("ord"), readResult(result, runId, links)));
                    }
                }
            }
            return found;
        }, row -> key(sort, row), total);
        return new Page<>(rows.items().stream().map(Row::result).toList(), rows.next(), rows.prev(), rows.total());
    }

    private static void narrow(Sql sql, Filter filter) {
        if (!filter.verdicts().isEmpty()) {
            sql.append(" AND r.verdict IN (" + String.join(", ", java.util.Collections.nCopies(filter.verdicts().size(), "?"))
                    + ")", filter.verdicts().toArray());
        }
        sql.and("t.group_name = ?", filter.group());
        sql.and("r.variant = ?", filter.variant());
        if (filter.text() != null) {
            String pattern = Sql.containsPattern(filter.text());
            sql.append(" AND (LOWER(t.name) LIKE ?" + Sql.LIKE_ESCAPE + " OR LOWER(r.message) LIKE ?" + Sql.LIKE_ESCAPE + ")",
                    pattern, pattern);
        }
    }

    /** One index range of a page's read: its condition, its values and its order. */
    private record Segment(String condition, List<Object> values, String order) {
        Segment(String condition, String order, Object... values) {
            this(condition, List.of(values), order);
        }
    }

    /**
     * The index ranges a page reads, in order, after (before) the key. Each order is one of the
     * indexes {@code (run_id, ord)}, {@code (run_id, verdict, ord)} and {@code (run_id, duration_ms
     * DESC, ord)} read forwards or backwards, and a key splits it into ranges each condition names
     * exactly (the rest of the key's verdict, then the verdicts after it), never an OR a planner could
     * read as a filter over the whole run. A page reads its ranges in turn until it has its rows.
     */
    private static List<Segment> segments(Sort sort, Keyset.Direction direction, List<String> key) {
        boolean forward = direction == Keyset.Direction.FORWARD;
        return switch (sort) {
            case NAME -> {
                String order = forward ? " ORDER BY r.ord" : " ORDER BY r.ord DESC";
                yield List.of(key == null ? new Segment("", order)
                        : new Segment(forward ? " AND r.ord > ?" : " AND r.ord < ?", order, ord(key.get(0))));
            }
            case VERDICT -> {
                String order = forward ? " ORDER BY r.verdict, r.ord" : " ORDER BY r.verdict DESC, r.ord DESC";
                if (key == null) {
                    yield List.of(new Segment("", order));
                }
                String verdict = key.get(0);
                yield List.of(new Segment(forward ? " AND r.verdict = ? AND r.ord > ?" : " AND r.verdict = ? AND r.ord < ?",
                        order, verdict, ord(key.get(1))),
                        new Segment(forward ? " AND r.verdict > ?" : " AND r.verdict < ?", order, verdict));
            }
            case DURATION -> durationSegments(forward, key);
        };
    }

    /** Longest first: the results without a duration first (in the run's order), then the others, longest first. */
    private static List<Segment> durationSegments(boolean forward, List<String> key) {
        // Every range in the duration index's own order, so that index is the one read.
        String order = forward ? " ORDER BY r.duration_ms DESC NULLS FIRST, r.ord"
                : " ORDER BY r.duration_ms ASC NULLS LAST, r.ord DESC";
        if (key == null) {
            return List.of(new Segment("", order));
        }
        int ord = ord(key.get(1));
        if (key.get(0) == null) {
            return forward
                    ? List.of(new Segment(" AND r.duration_ms IS NULL AND r.ord > ?", order, ord),
                            new Segment(" AND r.duration_ms IS NOT NULL", order))
                    : List.of(new Segment(" AND r.duration_ms IS NULL AND r.ord < ?", order, ord));
        }
        long ms = RunQueries.parseKeyLong(key.get(0));
        return forward
                ? List.of(new Segment(" AND r.duration_ms = ? AND r.ord > ?", order, ms, ord),
                        new Segment(" AND r.duration_ms < ?", order, ms))
                : List.of(new Segment(" AND r.duration_ms = ? AND r.ord < ?", order, ms, ord),
                        new Segment(" AND r.duration_ms > ?", order, ms),
                        new Segment(" AND r.duration_ms IS NULL", order));
    }

    private static List<String> key(Sort sort, Row row) {
        String ord = Integer.toString(row.ord());
        return switch (sort) {
            case NAME -> List.of(ord);
            case VERDICT -> List.of(row.result().verdict(), ord);
            case DURATION -> Arrays.asList(row.result().durationMs() == null ? null : row.result().durationMs().toString(), ord);
        };
    }

    private static int ord(String value) {
        return Math.toIntExact(RunQueries.parseKeyLong(value));
    }

    /** Without a text filter the count is the test runs' counters summed: no scan of the results. */
    private static Long countFromTestRuns(Connection connection, long runId, Filter filter) throws SQLException {
        Sql sql = new Sql("SELECT COALESCE(SUM(n_total), 0) AS n_total, COALESCE(SUM(n_pass), 0) AS n_pass, "
                + "COALESCE(SUM(n_fail), 0) AS n_fail, COALESCE(SUM(n_skip), 0) AS n_skip, "
                + "COALESCE(SUM(n_ignored), 0) AS n_ignored, COALESCE(SUM(n_xfail), 0) AS n_xfail "
                + "FROM test_runs WHERE run_id = ?");
        sql.append("", runId);
        sql.and("group_name = ?", filter.group());
        sql.and("variant = ?", filter.variant());
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            rows.next();
            Totals totals = Totals.read(rows);
            if (filter.verdicts().isEmpty()) {
                return (long) totals.total();
            }
            return filter.verdicts().stream().mapToLong(totals::of).sum();
        }
    }

    private static Result readResult(ResultSet row, long runId, Optional<SourceLinks> links) throws SQLException {
        String name = row.getString("name");
        Double timeUs = Sql.nullableDouble(row, "bench_time_us");
        Double timeSd = Sql.nullableDouble(row, "bench_time_sd");
        Double score = Sql.nullableDouble(row, "bench_score");
        Double scoreSd = Sql.nullableDouble(row, "bench_score_sd");
        Figures figures = timeUs == null && score == null ? null : new Figures(timeUs, timeSd, score, scoreSd);
        String incidents = row.getString("incidents");
        return new Result(row.getString("group_name"), name, row.getString("variant"), row.getString("tentacle"),
                row.getString("verdict"), row.getString("message"), Sql.nullableLong(row, "duration_ms"),
                incidents == null || incidents.isEmpty() ? List.of() : List.of(incidents.split("\n")), figures,
                FileQueries.url(runId, row.getString("output_path")), FileQueries.url(runId, row.getString("expected_path")),
                links.map(link -> link.file(name)).orElse(null));
    }

    /**
     * The failures matrix of a run: a row per test (in the run's order) with a cell per variant it
     * ran on; with {@code onlyFailing} only the tests that failed on some variant. Pages go forward
     * only ({@code next}). A run's rows of one test lie next to each other in {@code ord} (the run's
     * order is group, name, variant, tentacle), which bounds every read to the page's own rows.
     *
     * @param cursor the {@code next} of the previous page, null for the first
     */
    public static Matrix matrix(Connection connection, long runId, String group, boolean onlyFailing, String cursor, int limit)
            throws SQLException {
        if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
            throw new QueryRefused("limit is " + limit + ": give 1 to " + PageRequest.MAX_LIMIT);
        }
        RunQueries.Run run = RunQueries.existing(connection, runId);
        Optional<SourceLinks> links = SourceLinks.of(run.refTests());
        String fingerprint = Keyset.fingerprint("matrix|" + runId + "|" + group + "|" + onlyFailing);
        int after = cursor == null ? Integer.MIN_VALUE
                : ord(Keyset.decode(cursor, fingerprint).key().get(0));
        List<String> variants = new ArrayList<>();
        Sql variantSql = new Sql("SELECT DISTINCT variant FROM test_runs WHERE run_id = ?").append("", runId);
        variantSql.and("group_name = ?", group);
        try (PreparedStatement statement = variantSql.append(" ORDER BY variant").prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                variants.add(rows.getString(1));
            }
        }
        List<CellRow> cells = onlyFailing ? failingCells(connection, runId, group, after, limit)
                : allCells(connection, runId, group, after, limit);
        Map<Long, MatrixRowBuilder> rows = new LinkedHashMap<>();
        int lastOrd = after;
        for (CellRow cell : cells) {
            MatrixRowBuilder row = rows.computeIfAbsent(cell.testId(), id -> new MatrixRowBuilder(cell.group(), cell.name()));
            row.add(cell.variant(), new Cell(cell.verdict(), FileQueries.url(runId, cell.outputPath())));
            lastOrd = Math.max(lastOrd, cell.ord());
        }
        boolean more = rows.size() > limit;
        List<MatrixRow> shown = rows.values().stream().limit(limit)
                .map(row -> row.build(links.map(link -> link.file(row.name)).orElse(null))).toList();
        String next = null;
        if (more) {
            long lastShown = rows.keySet().stream().skip(limit - 1L).findFirst().orElseThrow();
            int lastShownOrd = cells.stream().filter(cell -> cell.testId() == lastShown).mapToInt(CellRow::ord).max()
                    .orElseThrow();
            next = Keyset.encode(Keyset.Direction.FORWARD, fingerprint, List.of(Integer.toString(lastShownOrd)));
        }
        return new Matrix(variants, shown, next);
    }

    private record CellRow(long testId, String group, String name, String variant, String verdict, String outputPath, int ord) {
    }

    private static final String CELL_COLUMNS = "SELECT r.test_id, t.group_name, t.name, r.variant, r.verdict, r.output_path, "
            + "r.ord FROM results r JOIN tests t ON t.id = r.test_id WHERE r.run_id = ?";

    /**
     * The cells of the next {@code limit} failing tests and of one more (which only tells that there
     * are more). The tests come from the run's failures after the cursor; their cells lie after the
     * cursor and before the first failure of the test after them.
     */
    private static List<CellRow> failingCells(Connection connection, long runId, String group, int after, int limit)
            throws SQLException {
        Sql failing = new Sql("SELECT r.test_id, MIN(r.ord) AS first_ord FROM results r WHERE r.run_id = ? "
                + "AND r.verdict = 'fail' AND r.ord > ?").append("", runId, after);
        failing.and("r.test_id IN (SELECT id FROM tests WHERE group_name = ?)", group);
        failing.append(" GROUP BY r.test_id ORDER BY first_ord LIMIT ?", limit + 2);
        List<Long> tests = new ArrayList<>();
        List<Integer> firstOrds = new ArrayList<>();
        try (PreparedStatement statement = failing.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tests.add(rows.getLong(1));
                firstOrds.add(rows.getInt(2));
            }
        }
        if (tests.isEmpty()) {
            return List.of();
        }
        // One test more than the page, to know there is more; the one after it bounds the read.
        List<Long> wanted = tests.subList(0, Math.min(tests.size(), limit + 1));
        Sql sql = new Sql(CELL_COLUMNS).append("", runId).append(" AND r.ord > ?", after);
        if (tests.size() > limit + 1) {
            sql.append(" AND r.ord < ?", firstOrds.get(limit + 1));
        }
        sql.append(" AND r.test_id IN (" + String.join(", ", java.util.Collections.nCopies(wanted.size(), "?")) + ")",
                wanted.toArray());
        sql.append(" ORDER BY r.ord");
        return readCells(connection, sql);
    }

    /** Every test's cells after the cursor, read in chunks in the run's order until one test more than the page. */
    private static List<CellRow> allCells(Connection connection, long runId, String group, int after, int limit)
            throws SQLException {
        List<CellRow> cells = new ArrayList<>();
        java.util.Set<Long> tests = new java.util.HashSet<>();
        int from = after;
        int chunk = Math.max(200, limit * 8);
        while (true) {
            Sql sql = new Sql(CELL_COLUMNS).append("", runId).append(" AND r.ord > ?", from);
            sql.and("t.group_name = ?", group);
            sql.append(" ORDER BY r.ord LIMIT ?", chunk);
            List<CellRow> read = readCells(connection, sql);
            for (CellRow cell : read) {
                if (tests.add(cell.testId()) && tests.size() > limit + 1) {
                    return cells;
                }
                cells.add(cell);
            }
            if (read.size() < chunk) {
                return cells;
            }
            from = read.get(read.size() - 1).ord();
        }
    }

    private static List<CellRow> readCells(Connection connection, Sql sql) throws SQLException {
        List<CellRow> cells = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                cells.add(new CellRow(rows.getLong("test_id"), rows.getString("group_name"), rows.getString("name"),
                        rows.getString("variant"), rows.getString("verdict"), rows.getString("output_path"), rows.getInt("ord")));
            }
        }
        return cells;
    }

    /** A test's cells; two test runs of one variant (two tentacle roles) show the failing one. */
    private static final class MatrixRowBuilder {
        private final String group;
        private final String name;
        private final Map<String, Cell> cells = new LinkedHashMap<>();

        MatrixRowBuilder(String group, String name) {
            this.group = group;
            this.name = name;
        }

        void add(String variant, Cell cell) {
            cells.merge(variant, cell, (kept, other) -> !kept.verdict().equals("fail") && other.verdict().equals("fail")
                    ? other : kept);
        }

        MatrixRow build(String source) {
            return new MatrixRow(group, name, source, java.util.Collections.unmodifiableMap(cells));
        }
    }

    /** Reads {@code fail,xfail} into verdict words. */
    public static List<String> verdicts(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return List.of();
        }
        return Arrays.stream(parameter.split(",")).map(String::strip).filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT)).toList();
    }
}
