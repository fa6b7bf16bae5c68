package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.mpunit.server.ingest.FieldLengths;
import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.ParsedTestRun;
import dev.mpunit.server.ingest.RunInfo;
import dev.mpunit.server.ingest.UploadRejected;
import dev.mpunit.server.ingest.UploadedFile;
import dev.mpunit.server.ingest.Verdict;

/**
 * Stores parsed runs, each in one transaction: the run with its totals, its test runs, results and
 * files, and the recent verdicts of every series it touches. The same run pushed twice is stored
 * once ({@link ParsedRun#runKey()}, enforced by {@code runs_key_uq}); a finished push replaces an
 * unfinished one of the same run; deleting a run puts its series' recent verdicts right again.
 */
public final class RunWriter {

    /** What storing did. */
    public enum Outcome {
        /** A new run. */
        STORED,
        /** The same run with the same content was stored before: nothing written. */
        DUPLICATE,
        /** The run was stored unfinished (or ending earlier) before and is now replaced. */
        REPLACED
    }

    /** The stored run's id and what storing it did. */
    public record Stored(long runId, Outcome outcome) {

        public boolean duplicate() {
            return outcome == Outcome.DUPLICATE;
        }

        public boolean replaced() {
            return outcome == Outcome.REPLACED;
        }
    }

    private static final int BATCH = 1000;
    private static final int MESSAGE_CHARS = 8000;
    private static final int TEXT_CHARS = 20000;
    private static final int REF_CHARS = 2000;

    private static final Comparator<String> NULLS_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

    private final Database database;
    private final Clock clock;

    public RunWriter(Database database) {
        this(database, Clock.systemUTC());
    }

    RunWriter(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Stores the run, or recognises it as stored before.
     *
     * @throws UploadRejected 409 when a finished run with the same key but other content is stored;
     *         400 when a name is longer than the database keeps
     * @throws SQLException the database is unreachable or broken; nothing was stored
     */
    public Stored store(ParsedRun parsed) throws UploadRejected, SQLException {
        ParsedRun run = FieldLengths.checked(parsed);
        checkUnique(run);
        long testbedId;
        try (Connection connection = database.connection()) {
            testbedId = Testbeds.ensure(connection, run.run().testbed(), clock);
        }
        return inTransaction(connection -> store(connection, testbedId, run));
    }

    /**
     * Deletes a run with everything it holds, and files no other run holds.
     *
     * @return false when there is no such run
     */
    public boolean delete(long runId) throws SQLException {
        return deleteRuns(List.of(runId)) == 1;
    }

    /** Deletes the runs in one transaction (see {@link #delete}); returns how many there were. */
    public int deleteRuns(Collection<Long> runIds) throws SQLException {
        if (runIds.isEmpty()) {
            return 0;
        }
        try {
            return inTransaction(connection -> deleteRuns(connection, runIds));
        } catch (UploadRejected e) {
            throw new IllegalStateException("deleting refuses nothing", e);
        }
    }

    /** Marks or unmarks a run as a baseline (kept by the retention); false when there is no such run. */
    public boolean setBaseline(long runId, boolean baseline) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement update = connection.prepareStatement("UPDATE runs SET baseline = ? WHERE id = ?")) {
            update.setBoolean(1, baseline);
            update.setLong(2, runId);
            return update.executeUpdate() == 1;
        }
    }

    /** The name of the testbed that ran the run; empty when there is no such run. */
    public Optional<String> testbedOf(long runId) throws SQLException {
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT t.name FROM runs r JOIN testbeds t ON t.id = r.testbed_id WHERE r.id = ?")) {
            select.setLong(1, runId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException, UploadRejected;
    }

    /**
     * Runs the work in one transaction, again when it lost a race to another push (the same run or a
     * new test name stored at the same moment): the next attempt sees what the winner stored.
     */
    private <T> T inTransaction(Work<T> work) throws SQLException, UploadRejected {
        for (int attempt = 1;; attempt++) {
            try (Connection connection = database.connection()) {
                connection.setAutoCommit(false);
                try {
                    T done = work.run(connection);
                    connection.commit();
                    return done;
                } catch (SQLException e) {
                    rollback(connection, e);
                    if (attempt < Conflicts.ATTEMPTS && Conflicts.retryable(e)) {
                        continue;
                    }
                    throw e;
                } catch (UploadRejected | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
            }
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private record StoredRun(long id, String contentSha256, boolean unfinished, OffsetDateTime timeEnd, String campaign) {
    }

    private Stored store(Connection connection, long testbedId, ParsedRun run) throws SQLException, UploadRejected {
        Testbeds.lock(connection, testbedId);
        String runKey = run.runKey();
        Optional<StoredRun> before = find(connection, runKey);
        if (before.isEmpty()) {
            Inserted inserted = insert(connection, testbedId, run, runKey);
            TestStatus.addRun(connection, testbedId, inserted.runId(), utc(run.run().timeStart()), inserted.verdicts());
            return new Stored(inserted.runId(), Outcome.STORED);
        }
        StoredRun stored = before.get();
        if (stored.contentSha256().equals(run.contentSha256())) {
            joinCampaign(connection, stored, run.run().campaign());
            return new Stored(stored.id(), Outcome.DUPLICATE);
        }
        OffsetDateTime timeEnd = run.run().timeEnd();
        if (stored.unfinished() || timeEnd != null && (stored.timeEnd() == null || timeEnd.isAfter(stored.timeEnd()))) {
            Set<TestStatus.Series> series = new TreeSet<>(TestStatus.seriesOf(connection, stored.id()));
            Set<String> blobs = RunFiles.blobsOf(connection, stored.id());
            deleteRun(connection, stored.id());
            Inserted inserted = insert(connection, testbedId, run, runKey);
            series.addAll(inserted.verdicts().keySet());
            TestStatus.recompute(connection, testbedId, series);
            RunFiles.deleteOrphans(connection, blobs);
            return new Stored(inserted.runId(), Outcome.REPLACED);
        }
        throw new UploadRejected(409, "run already stored (id " + stored.id() + "); delete it first "
                + "(DELETE /api/v1/runs/" + stored.id() + " with the testbed's token) to store this push instead");
    }

    private static Optional<StoredRun> find(Connection connection, String runKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, content_sha256, unfinished, time_end, campaign FROM runs WHERE run_key = ?")) {
            select.setString(1, runKey);
            try (ResultSet row = select.executeQuery()) {
                return row.next()
                        ? Optional.of(new StoredRun(row.getLong(1), row.getString(2).trim(), row.getBoolean(3),
                                row.getObject(4, OffsetDateTime.class), row.getString(5)))
                        : Optional.empty();
            }
        }
    }

    /**
     * The same folder pushed again with a campaign ({@code mpunit upload --campaign} after a run pushed at its
     * end without one): the stored run joins it. A run already in another campaign stays there: moving it
     * would change a report others may have linked, so that is refused with what to do.
     */
    private static void joinCampaign(Connection connection, StoredRun stored, String campaign)
            throws SQLException, UploadRejected {
        if (campaign == null || campaign.equals(stored.campaign())) {
            return;
        }
        if (stored.campaign() != null) {
            throw new UploadRejected(409, "run already stored (id " + stored.id() + ") in campaign '" + stored.campaign()
                    + "', not '" + campaign + "'; delete it first (DELETE /api/v1/runs/" + stored.id()
                    + " with the testbed's token) to store it in the other one");
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE runs SET campaign = ? WHERE id = ?")) {
            update.setString(1, campaign);
            update.setLong(2, stored.id());
            update.executeUpdate();
        }
    }

    private int deleteRuns(Connection connection, Collection<Long> runIds) throws SQLException {
        Map<Long, List<Long>> byTestbed = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT testbed_id FROM runs WHERE id = ?")) {
            for (long runId : new TreeSet<>(runIds)) {
                select.setLong(1, runId);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        byTestbed.computeIfAbsent(row.getLong(1), id -> new ArrayList<>()).add(runId);
                    }
                }
            }
        }
        int deleted = 0;
        Set<String> blobs = new HashSet<>();
        for (Map.Entry<Long, List<Long>> testbed : byTestbed.entrySet()) {
            Testbeds.lock(connection, testbed.getKey());
            Set<TestStatus.Series> series = new TreeSet<>();
            for (long runId : testbed.getValue()) {
                series.addAll(TestStatus.seriesOf(connection, runId));
                blobs.addAll(RunFiles.blobsOf(connection, runId));
                deleted += deleteRun(connection, runId);
            }
            TestStatus.recompute(connection, testbed.getKey(), series);
        }
        RunFiles.deleteOrphans(connection, blobs);
        return deleted;
    }

    private static int deleteRun(Connection connection, long runId) throws SQLException {
        // results and run_files go with their run (ON DELETE CASCADE); test_runs after results.
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM runs WHERE id = ?")) {
            delete.setLong(1, runId);
            return delete.executeUpdate();
        }
    }

    private record Inserted(long runId, Map<TestStatus.Series, Verdict> verdicts) {
    }

    /** One result with where it belongs, in the run's canonical order. */
    private record Row(ParsedTestRun testRun, ParsedResult result) {
    }

    private static final Comparator<Row> CANONICAL = Comparator.<Row, String>comparing(row -> row.testRun().group())
            .thenComparing(row -> row.result().name())
            .thenComparing(row -> row.testRun().variant())
            .thenComparing(row -> row.result().tentacle(), NULLS_FIRST);

    private Inserted insert(Connection connection, long testbedId, ParsedRun run, String runKey) throws SQLException {
        RunInfo info = run.run();
        OffsetDateTime runTime = utc(info.timeStart());
        Map<String, Map<String, Long>> testIds = Tests.ids(connection, run.testRuns());

        List<Row> rows = new ArrayList<>();
        for (ParsedTestRun testRun : run.testRuns()) {
            for (ParsedResult result : testRun.results()) {
                rows.add(new Row(testRun, result));
            }
        }
        rows.sort(CANONICAL);
        // By folder, unique within the run (checkUnique): each test run's totals, and the run's their sum.
        Map<String, Totals> testRunTotals = new HashMap<>();
        Totals totals = Totals.NONE;
        for (ParsedTestRun testRun : run.testRuns()) {
            Totals counted = Totals.count(testRun.results());
            testRunTotals.put(testRun.folder(), counted);
            totals = totals.plus(counted);
        }

        long runId;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO runs (run_key, content_sha256, format, "
                + "testbed_id, testbed_instance, trigger_text, ref_firmware, ref_tests, commandline, error_text, unfinished, "
                + "time_start, time_end, uploaded_at, n_total, n_pass, n_fail, n_skip, n_ignored, n_xfail, duration_ms, "
                + "campaign, tentacles_json, usb_health_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new String[] {"id"})) {
            insert.setString(1, runKey);
            insert.setString(2, run.contentSha256());
            insert.setString(3, run.format());
            insert.setLong(4, testbedId);
            insert.setString(5, cut(info.testbedInstance(), 200));
            insert.setString(6, cut(info.trigger(), REF_CHARS));
            insert.setString(7, cut(info.refFirmware(), REF_CHARS));
            insert.setString(8, cut(info.refTests(), REF_CHARS));
            insert.setString(9, cut(info.commandline(), TEXT_CHARS));
            insert.setString(10, cut(info.error(), TEXT_CHARS));
            insert.setBoolean(11, info.unfinished());
            insert.setObject(12, runTime);
            insert.setObject(13, info.timeEnd() == null ? null : utc(info.timeEnd()), Types.TIMESTAMP_WITH_TIMEZONE);
            insert.setObject(14, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            totals.bind(insert, 15);
            setLong(insert, 21, millisBetween(info.timeStart(), info.timeEnd()));
            insert.setString(22, info.campaign());
            insert.setString(23, run.records().tentaclesJson());
            insert.setString(24, run.records().usbHealthJson());
            insert.executeUpdate();
            runId = generatedId(insert);
        }

        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO test_runs (run_id, group_name, variant, "
                + "folder, tentacles, time_start, time_end, error_text, unfinished, n_total, n_pass, n_fail, n_skip, "
                + "n_ignored, n_xfail, duration_ms, testbed_id, run_time) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ParsedTestRun testRun : run.testRuns()) {
                long durations = 0;
                boolean timed = false;
                for (ParsedResult result : testRun.results()) {
                    if (result.durationMs() != null) {
                        durations += result.durationMs();
                        timed = true;
                    }
                }
                Long duration = millisBetween(testRun.timeStart(), testRun.timeEnd());
                insert.setLong(1, runId);
                insert.setString(2, testRun.group());
                insert.setString(3, testRun.variant());
                insert.setString(4, testRun.folder());
                insert.setString(5, cut(String.join(",", testRun.tentacles()), REF_CHARS));
                insert.setObject(6, testRun.timeStart() == null ? null : utc(testRun.timeStart()), Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setObject(7, testRun.timeEnd() == null ? null : utc(testRun.timeEnd()), Types.TIMESTAMP_WITH_TIMEZONE);
                insert.setString(8, cut(testRun.error(), TEXT_CHARS));
                insert.setBoolean(9, testRun.unfinished());
                testRunTotals.get(testRun.folder()).bind(insert, 10);
                setLong(insert, 16, duration != null ? duration : timed ? Long.valueOf(durations) : null);
                insert.setLong(17, testbedId);
                insert.setObject(18, runTime);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // Folders are unique within a run (test_runs_folder_uq): one query gives every new id.
        Map<String, Long> testRunIds = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, folder FROM test_runs WHERE run_id = ?")) {
            select.setLong(1, runId);
            try (ResultSet ids = select.executeQuery()) {
                while (ids.next()) {
                    testRunIds.put(ids.getString(2), ids.getLong(1));
                }
            }
        }

        Map<TestStatus.Series, List<Verdict>> series = new LinkedHashMap<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO results (run_id, test_run_id, test_id, "
                + "ord, variant, verdict, message, tentacle, duration_ms, incidents, bench_time_us, bench_time_sd, "
                + "bench_score, bench_score_sd, output_path, expected_path, testbed_id, run_time) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int ord = 0;
            for (Row row : rows) {
                ParsedTestRun testRun = row.testRun();
                ParsedResult result = row.result();
                long testId = testIds.get(testRun.group()).get(result.name());
                series.computeIfAbsent(new TestStatus.Series(testId, testRun.variant()), key -> new ArrayList<>())
                        .add(result.verdict());
                insert.setLong(1, runId);
                insert.setLong(2, testRunIds.get(testRun.folder()));
                insert.setLong(3, testId);
                insert.setInt(4, ord);
                insert.setString(5, testRun.variant());
                insert.setString(6, result.verdict().word());
                insert.setString(7, cut(result.message(), MESSAGE_CHARS));
                insert.setString(8, result.tentacle());
                setLong(insert, 9, result.durationMs());
                insert.setString(10, result.incidents().isEmpty() ? null
                        : cut(String.join("\n", result.incidents()), MESSAGE_CHARS));
                if (result.benchmark() != null) {
                    insert.setDouble(11, result.benchmark().timeUs());
                    insert.setDouble(12, result.benchmark().timeSd());
                    insert.setDouble(13, result.benchmark().score());
                    insert.setDouble(14, result.benchmark().scoreSd());
                } else {
                    for (int column = 11; column <= 14; column++) {
                        insert.setNull(column, Types.DOUBLE);
                    }
                }
                insert.setString(15, result.outputPath());
                insert.setString(16, result.expectedPath());
                insert.setLong(17, testbedId);
                insert.setObject(18, runTime);
                insert.addBatch();
                if (++ord % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            if (ord % BATCH != 0) {
                insert.executeBatch();
            }
        }

        RunFiles.insert(connection, runId, run.files());

        Map<TestStatus.Series, Verdict> verdicts = new HashMap<>();
        series.forEach((key, ofRun) -> verdicts.put(key, RecentVerdicts.ofRun(ofRun)));
        return new Inserted(runId, verdicts);
    }

    /** Folders and file paths are keys within a run: a second one would only surface as a retried unique violation. */
    private static void checkUnique(ParsedRun run) throws UploadRejected {
        Set<String> folders = new HashSet<>();
        for (ParsedTestRun testRun : run.testRuns()) {
            if (!folders.add(testRun.folder())) {
                throw new UploadRejected(400, "two test runs in one upload come from the folder '" + testRun.folder() + "'");
            }
        }
        Set<String> paths = new HashSet<>();
        for (UploadedFile file : run.files()) {
            if (!paths.add(file.path())) {
                throw new UploadRejected(400, "the upload holds the file '" + file.path() + "' twice");
            }
        }
    }

    private static long generatedId(PreparedStatement insert) throws SQLException {
        try (ResultSet key = insert.getGeneratedKeys()) {
            if (!key.next()) {
                throw new SQLException("the database gave no id for the new row");
            }
            return key.getLong(1);
        }
    }

    private static OffsetDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Long millisBetween(OffsetDateTime start, OffsetDateTime end) {
        return start == null || end == null ? null : Duration.between(start, end).toMillis();
    }

    private static void setLong(PreparedStatement statement, int column, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(column, Types.BIGINT);
        } else {
            statement.setLong(column, value);
        }
    }

    /** Free text as the database keeps it: at most {@code max} characters, no NUL (PostgreSQL refuses it in text). */
    private static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String kept = text.indexOf('\0') < 0 ? text : text.replace('\0', '\uFFFD');
        return kept.length() <= max ? kept : kept.substring(0, max - 1) + "…";
    }
}
