package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.mpunit.server.ingest.Verdict;

/**
 * Keeps {@code test_status} (the recent verdicts of each series: testbed, test, variant) in step with
 * {@code results}. A run newer than everything of its series only puts its letter in front; a run
 * arriving late, a replaced or deleted run has its series read again from {@code results}. Callers
 * hold the testbed's lock ({@link Testbeds#lock}), so no letter is lost to a concurrent push.
 */
final class TestStatus {

    /** One series of a testbed. */
    record Series(long testId, String variant) implements Comparable<Series> {
        @Override
        public int compareTo(Series other) {
            int byTest = Long.compare(testId, other.testId);
            return byTest != 0 ? byTest : variant.compareTo(other.variant);
        }
    }

    private record Current(long lastRunId, OffsetDateTime lastRunTime, String recent) {
    }

    private static final int BATCH = 1000;
    private static final String INSERT = "INSERT INTO test_status (testbed_id, test_id, variant, last_run_id, "
            + "last_run_time, last_verdict, recent, flips) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private TestStatus() {
    }

    /** After inserting a run: its verdict (one per series) in front of each series it is the newest run of. */
    static void addRun(Connection connection, long testbedId, long runId, OffsetDateTime runTime,
            Map<Series, Verdict> verdicts) throws SQLException {
        Map<Series, Current> current = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT test_id, variant, last_run_id, last_run_time, recent FROM test_status WHERE testbed_id = ?")) {
            select.setLong(1, testbedId);
            select.setFetchSize(5000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Series series = new Series(rows.getLong(1), rows.getString(2));
                    if (verdicts.containsKey(series)) {
                        current.put(series, new Current(rows.getLong(3), rows.getObject(4, OffsetDateTime.class),
                                rows.getString(5)));
                    }
                }
            }
        }
        List<Series> late = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
                PreparedStatement update = connection.prepareStatement("UPDATE test_status SET last_run_id = ?, "
                        + "last_run_time = ?, last_verdict = ?, recent = ?, flips = ? "
                        + "WHERE testbed_id = ? AND test_id = ? AND variant = ?")) {
            int inserts = 0;
            int updates = 0;
            for (Map.Entry<Series, Verdict> entry : new java.util.TreeMap<>(verdicts).entrySet()) {
                Series series = entry.getKey();
                Verdict verdict = entry.getValue();
                Current was = current.get(series);
                if (was == null) {
                    addRow(insert, testbedId, series, runId, runTime, String.valueOf(verdict.letter()));
                    if (++inserts % BATCH == 0) {
                        insert.executeBatch();
                    }
                } else if (newer(runTime, runId, was.lastRunTime(), was.lastRunId())) {
                    String recent = RecentVerdicts.prepend(verdict.letter(), was.recent());
                    update.setLong(1, runId);
                    update.setObject(2, runTime);
                    update.setString(3, verdict.word());
                    update.setString(4, recent);
                    update.setInt(5, RecentVerdicts.flips(recent));
                    update.setLong(6, testbedId);
                    update.setLong(7, series.testId());
                    update.setString(8, series.variant());
                    update.addBatch();
                    if (++updates % BATCH == 0) {
                        update.executeBatch();
                    }
                } else {
                    late.add(series);
                }
            }
            if (inserts % BATCH != 0) {
                insert.executeBatch();
            }
            if (updates % BATCH != 0) {
                update.executeBatch();
            }
        }
        recompute(connection, testbedId, late);
    }

    /** A series' row, its last verdict the first of {@code recent}, into an {@link #INSERT} batch. */
    private static void addRow(PreparedStatement insert, long testbedId, Series series, long lastRunId,
            OffsetDateTime lastRunTime, String recent) throws SQLException {
        insert.setLong(1, testbedId);
        insert.setLong(2, series.testId());
        insert.setString(3, series.variant());
        insert.setLong(4, lastRunId);
        insert.setObject(5, lastRunTime);
        insert.setString(6, Verdict.ofLetter(recent.charAt(0)).word());
        insert.setString(7, recent);
        insert.setInt(8, RecentVerdicts.flips(recent));
        insert.addBatch();
    }

    static boolean newer(OffsetDateTime time, long runId, OffsetDateTime thanTime, long thanRunId) {
        int byTime = time.compareTo(thanTime);
        return byTime > 0 || byTime == 0 && runId > thanRunId;
    }

    /** The series a run has results in. */
    static Set<Series> seriesOf(Connection connection, long runId) throws SQLException {
        Set<Series> series = new TreeSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT test_id, variant FROM results WHERE run_id = ?")) {
            select.setLong(1, runId);
            select.setFetchSize(5000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    series.add(new Series(rows.getLong(1), rows.getString(2)));
                }
            }
        }
        return series;
    }

    /** Reads the given series again from their newest results; a series with none left loses its row. */
    static void recompute(Connection connection, long testbedId, Collection<Series> seriesToRead) throws SQLException {
        if (seriesToRead.isEmpty()) {
            return;
        }
        List<Series> sorted = new ArrayList<>(new TreeSet<>(seriesToRead));
        try (PreparedStatement results = connection.prepareStatement("SELECT run_id, run_time, verdict FROM results "
                + "WHERE test_id = ? AND variant = ? AND testbed_id = ? ORDER BY run_time DESC, run_id DESC LIMIT "
                + RecentVerdicts.MAX * 4);
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM test_status WHERE testbed_id = ? AND test_id = ? AND variant = ?");
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int pending = 0;
            for (Series series : sorted) {
                delete.setLong(1, testbedId);
                delete.setLong(2, series.testId());
                delete.setString(3, series.variant());
                delete.addBatch();
                results.setLong(1, series.testId());
                results.setString(2, series.variant());
                results.setLong(3, testbedId);
                StringBuilder recent = new StringBuilder();
                long lastRunId = -1;
                OffsetDateTime lastRunTime = null;
                long runId = -1;
                List<Verdict> ofRun = new ArrayList<>();
                try (ResultSet rows = results.executeQuery()) {
                    while (rows.next() && recent.length() < RecentVerdicts.MAX) {
                        long id = rows.getLong(1);
                        if (id != runId && !ofRun.isEmpty()) {
                            recent.append(RecentVerdicts.ofRun(ofRun).letter());
                            ofRun.clear();
                        }
                        if (lastRunTime == null) {
                            lastRunId = id;
                            lastRunTime = rows.getObject(2, OffsetDateTime.class);
                        }
                        runId = id;
                        ofRun.add(Verdict.ofWord(rows.getString(3)));
                    }
                }
                if (!ofRun.isEmpty() && recent.length() < RecentVerdicts.MAX) {
                    recent.append(RecentVerdicts.ofRun(ofRun).letter());
                }
                if (lastRunTime != null) {
                    addRow(insert, testbedId, series, lastRunId, lastRunTime, recent.toString());
                }
                if (++pending == BATCH) {
                    delete.executeBatch();
                    insert.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                delete.executeBatch();
                insert.executeBatch();
            }
        }
    }
}
