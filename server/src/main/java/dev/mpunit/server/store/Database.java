package dev.mpunit.server.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The results database: the embedded H2 file under the data folder by default, PostgreSQL when the
 * one key names a {@code jdbc:postgresql:} URL. Opening it brings the schema up to date (Flyway,
 * {@code db/migration}); the same scripts run on both.
 */
public final class Database implements AutoCloseable {

    /** The key's value for the embedded database. */
    public static final String EMBEDDED = "h2";
    /** PostgreSQL's password when the URL does not carry one: kept out of the URL, the logs and the pages. */
    public static final String PASSWORD_VARIABLE = "MPUNIT_SERVER_DB_PASSWORD";

    static {
        // The embedded file's automatic server (see open) listens on this machine only, like the
        // results server itself; H2 reads the property once, before its first database.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    private final HikariDataSource pool;
    private final boolean embedded;

    private Database(HikariDataSource pool, boolean embedded) {
        this.pool = pool;
        this.embedded = embedded;
    }

    /**
     * Opens the database and migrates its schema.
     *
     * @param database {@value #EMBEDDED} or a {@code jdbc:postgresql://} URL
     * @param dataFolder where the embedded database's file lives
     * @param schema the PostgreSQL schema to use (tests give each class its own); null for the default
     */
    public static Database open(String database, Path dataFolder, String schema, String password) {
        HikariConfig config = new HikariConfig();
        boolean embedded = database.equals(EMBEDDED);
        if (embedded) {
            try {
                createPrivately(dataFolder);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot create the data folder " + dataFolder + ": " + e.getMessage(), e);
            }
            // PostgreSQL's mode and lower-case names keep one set of SQL for both databases.
            config.setJdbcUrl("jdbc:h2:file:" + dataFolder.toAbsolutePath().resolve("mpunit")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;CACHE_SIZE=131072"
                    // A push waits for another push of its testbed (RunWriter locks the testbed's row)
                    // rather than failing after H2's default second.
                    + ";LOCK_TIMEOUT=120000"
                    // The token and purge commands reach the file while the server has it open: through
                    // the server's process, on the port and with the key its lock file names (hence a
                    // data folder only its owner reads).
                    + ";AUTO_SERVER=TRUE");
            config.setUsername("sa");
            config.setPassword("");
        } else if (database.startsWith("jdbc:postgresql:")) {
            config.setJdbcUrl(database);
            // One multi-row INSERT per batch instead of a statement per row: a campaign's 25,000
            // results go in several times faster. The URL may still say otherwise.
            if (!database.contains("reWriteBatchedInserts")) {
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
            }
            if (password != null && !password.isEmpty()) {
                config.setPassword(password);
            }
            if (schema != null) {
                config.setSchema(schema);
            }
        } else {
            throw new IllegalArgumentException("mpunit.server.database is '" + redactUrl(database)
                    + "': give h2 (the embedded file under the data folder) or a jdbc:postgresql://host:port/name URL");
        }
        config.setPoolName("mpunit-results");
        config.setMaximumPoolSize(8);
        // Idle, the pool keeps two connections, not eight: a PostgreSQL shared with other services
        // (or with many test classes at once) has 100 in all by default.
        config.setMinimumIdle(2);
        config.setAutoCommit(true);
        config.setInitializationFailTimeout(10_000);
        // A push waits this long for a connection before it is answered 503 (the client pushes
        // again later), not Hikari's 30 s default.
        config.setConnectionTimeout(10_000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the results database " + redactUrl(config.getJdbcUrl()) + ": "
                    + rootMessage(e), e);
        }
        try {
            var flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration");
            if (schema != null && !embedded) {
                flyway.schemas(schema).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new IllegalStateException("cannot bring the results database's schema up to date: " + rootMessage(e), e);
        }
        return new Database(pool, embedded);
    }

    /** A new data folder only its owner may enter: it holds the tokens' hashes and the lock file's key. */
    private static void createPrivately(Path dataFolder) throws java.io.IOException {
        if (Files.isDirectory(dataFolder)) {
            return;
        }
        Path parent = dataFolder.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (dataFolder.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectory(dataFolder, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dataFolder);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    public boolean embedded() {
        return embedded;
    }

    /** A JDBC URL as it may be shown: without a password parameter. */
    public static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return redactUrl(String.valueOf(root.getMessage()));
    }

    @Override
    public void close() {
        pool.close();
    }
}
