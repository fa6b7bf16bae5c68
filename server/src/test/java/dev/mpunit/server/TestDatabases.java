package dev.mpunit.server;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

import dev.mpunit.server.store.Database;

/**
 * The two databases every storage and API test runs on: the embedded H2 file (always) and
 * PostgreSQL when {@value #POSTGRES_URL} names a JDBC URL to a database the tests may create schemas
 * in. Without it the PostgreSQL cases skip with that reason, except in CI ({@code
 * MPUNIT_REQUIRE_EMULATORS} set), where they fail: {@code .ci/run} starts a PostgreSQL and sets it.
 */
public enum TestDatabases {
    H2, POSTGRESQL;

    public static final String POSTGRES_URL = "MPUNIT_TEST_POSTGRES_URL";

    /** For {@code @EnumSource} / {@code @MethodSource}: both kinds; {@link #open} decides whether PostgreSQL runs. */
    public static Stream<TestDatabases> both() {
        return Stream.of(values());
    }

    /**
     * A fresh, migrated database: a new H2 file under {@code folder}, or a new PostgreSQL schema that
     * {@link Opened#close} drops again, so test classes never see each other's rows.
     */
    public Opened open(Path folder) {
        if (this == H2) {
            return new Opened(this, Database.open(Database.EMBEDDED, folder.resolve("data-" + UUID.randomUUID()), null, null),
                    null, null);
        }
        String url = postgresUrl();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        return new Opened(this, Database.open(url, folder, schema, null), url, schema);
    }

    /** The configured URL, or skip (fail in CI) with the reason. */
    public static String postgresUrl() {
        String url = System.getenv(POSTGRES_URL);
        boolean available = url != null && !url.isBlank();
        String requirement = System.getenv("MPUNIT_REQUIRE_EMULATORS");
        if (!available && requirement != null && !requirement.isBlank()) {
            fail(POSTGRES_URL + " is not set but PostgreSQL is required here (MPUNIT_REQUIRE_EMULATORS is set): "
                    + ".ci/run starts one and sets it");
        }
        assumeTrue(available, POSTGRES_URL + " not set (a jdbc:postgresql:// URL): the PostgreSQL cases are skipped; "
                + "server/dev-postgres.sh start prints one");
        return url;
    }

    /** An open test database; closing drops a PostgreSQL schema with everything in it. */
    public record Opened(TestDatabases kind, Database database, String url, String schema) implements AutoCloseable {

        @Override
        public void close() throws SQLException {
            database.close();
            if (schema != null) {
                try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
