package dev.mpunit.server.web;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.RunWriter;

/** A results server on a free port over a fresh embedded database holding {@link SeededRuns}. */
final class SeededServer implements AutoCloseable {

    private final Database database;
    private final ResultsServer server;
    private final List<Long> runIds;

    private SeededServer(Database database, ResultsServer server, List<Long> runIds) {
        this.database = database;
        this.server = server;
        this.runIds = runIds;
    }

    static SeededServer start(Path folder) throws Exception {
        return start(folder, false);
    }

    /** With {@code readClosed} every page and every read needs a read token ({@code --read token}). */
    static SeededServer start(Path folder, boolean readClosed) throws Exception {
        Path data = folder.resolve("data");
        Database database = Database.open(Database.EMBEDDED, data, null, null);
        try {
            RunWriter writer = new RunWriter(database);
            List<Long> ids = new ArrayList<>();
            for (ParsedRun run : SeededRuns.all()) {
                ids.add(writer.store(run).runId());
            }
            return new SeededServer(database, ResultsServer.start(ServerConfiguration.embedded(data, 0).withReadClosed(readClosed), database), ids);
        } catch (Exception | Error e) {
            database.close();
            throw e;
        }
    }

    Database database() {
        return database;
    }

    /** The stored runs' ids in the order of {@link SeededRuns#all()}. */
    List<Long> runIds() {
        return runIds;
    }

    /** The first testbed's last night. */
    long lastRun() {
        return runIds.get(SeededRuns.lastNight());
    }

    /** The other testbed's last night, killed half way. */
    long unfinishedRun() {
        return runIds.get(runIds.size() - 1);
    }

    String url(String pathAndQuery) {
        return server.uri().resolve(pathAndQuery).toString();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
