package dev.mpunit.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import dev.mpunit.server.ingest.UploadLimits;

/**
 * How the results server runs; every field is one {@code --option} of {@link ServerMain} (docs/server.md).
 *
 * @param host the address to bind: localhost unless told otherwise
 * @param port 0 picks a free port (tests)
 * @param dataFolder the embedded database's file lives here
 * @param database {@code h2} (embedded) or a {@code jdbc:postgresql://} URL
 * @param databasePassword PostgreSQL's password when the URL carries none; never shown
 * @param readClosed reading needs a read token too (public by default)
 * @param retention runs older than this are purged, baselines excepted; empty keeps everything
 * @param limits what one upload may hold
 */
public record ServerConfiguration(String host, int port, Path dataFolder, String database, String databasePassword,
        boolean readClosed, Optional<Duration> retention, UploadLimits limits) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServerConfiguration {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(dataFolder, "dataFolder");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(limits, "limits");
    }

    /** The embedded database under {@code dataFolder}, on localhost, reading public, nothing purged. */
    public static ServerConfiguration embedded(Path dataFolder, int port) {
        return new ServerConfiguration(DEFAULT_HOST, port, dataFolder, "h2", null, false, Optional.empty(),
                UploadLimits.DEFAULTS);
    }

    public ServerConfiguration withDatabase(String database) {
        return new ServerConfiguration(host, port, dataFolder, database, databasePassword, readClosed, retention, limits);
    }

    public ServerConfiguration withReadClosed(boolean readClosed) {
        return new ServerConfiguration(host, port, dataFolder, database, databasePassword, readClosed, retention, limits);
    }

    public ServerConfiguration withLimits(UploadLimits limits) {
        return new ServerConfiguration(host, port, dataFolder, database, databasePassword, readClosed, retention, limits);
    }

    public ServerConfiguration withRetention(Optional<Duration> retention) {
        return new ServerConfiguration(host, port, dataFolder, database, databasePassword, readClosed, retention, limits);
    }
}
