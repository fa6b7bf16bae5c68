package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedTestRun;

/** The {@code tests} dictionary: one id per (group, test name), shared by every run and testbed. */
final class Tests {

    private Tests() {
    }

    /**
     * The ids of every test the test runs hold, by group and name; the missing ones are added (a
     * concurrent push adding the same name makes this transaction's insert fail with a unique
     * violation, and its retry finds the name).
     */
    static Map<String, Map<String, Long>> ids(Connection connection, List<ParsedTestRun> testRuns) throws SQLException {
        Map<String, Set<String>> wanted = new TreeMap<>();
        for (ParsedTestRun testRun : testRuns) {
            // Sorted: two pushes adding the same new names lock them in the same order, not into a deadlock.
            Set<String> names = wanted.computeIfAbsent(testRun.group(), group -> new TreeSet<>());
            for (ParsedResult result : testRun.results()) {
                names.add(result.name());
            }
        }
        Map<String, Map<String, Long>> ids = new HashMap<>();
        for (Map.Entry<String, Set<String>> group : wanted.entrySet()) {
            Map<String, Long> known = ofGroup(connection, group.getKey());
            boolean added = false;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO tests (group_name, name) VALUES (?, ?)")) {
                int pending = 0;
                for (String name : group.getValue()) {
                    if (!known.containsKey(name)) {
                        insert.setString(1, group.getKey());
                        insert.setString(2, name);
                        insert.addBatch();
                        added = true;
                        if (++pending == 1000) {
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
            }
            ids.put(group.getKey(), added ? ofGroup(connection, group.getKey()) : known);
        }
        return ids;
    }

    private static Map<String, Long> ofGroup(Connection connection, String group) throws SQLException {
        Map<String, Long> ids = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, name FROM tests WHERE group_name = ?")) {
            select.setString(1, group);
            select.setFetchSize(5000);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.put(rows.getString(2), rows.getLong(1));
                }
            }
        }
        return ids;
    }
}
