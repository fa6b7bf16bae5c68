package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The {@code testbeds} rows: created by the first token of a testbed (or its first stored run), never renamed. */
final class Testbeds {

    private Testbeds() {
    }

    static Optional<Long> find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id FROM testbeds WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        }
    }

    /** The testbed's id, its row created first if there is none; on an auto-commit connection. */
    static long ensure(Connection connection, String name, Clock clock) throws SQLException {
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a testbed's name has 1 to 200 characters: '" + name + "'");
        }
        Optional<Long> found = find(connection, name);
        if (found.isPresent()) {
            return found.get();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO testbeds (name, created_at) VALUES (?, ?)", new String[] {"id"})) {
            insert.setString(1, name);
            insert.setObject(2, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet key = insert.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        } catch (SQLException e) {
            if (Conflicts.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // Created by someone else at the same moment: theirs is as good.
                return find(connection, name).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /**
     * Holds the testbed's row until the transaction ends: one testbed's runs are written one after
     * the other (their series' recent verdicts must not lose a letter), different testbeds' at once.
     */
    static void lock(Connection connection, long testbedId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT id FROM testbeds WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, testbedId);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("testbed " + testbedId + " vanished", "02000");
                }
            }
        }
    }
}
