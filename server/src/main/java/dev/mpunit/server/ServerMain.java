package dev.mpunit.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import dev.mpunit.server.ingest.UploadLimits;
import dev.mpunit.server.store.Database;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mpunit-server} ({@code ./mpunit serve}): serves the results database; its subcommands manage
 * the testbeds' tokens and purge old runs. Exit codes: 0 done, 1 refused (bad option, database
 * unreachable), 2 usage.
 */
@Command(name = "mpunit serve", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = {TokenCommand.class, PurgeCommand.class},
        description = "Serves the results that testbeds push: runs, failures, history, flaky tests and trends.")
public final class ServerMain implements Callable<Integer> {

    /** The options every subcommand shares: which database. */
    static final class DatabaseOptions {
        // Inherited: the subcommands take them before or after their name (--data x token list, token list --data x).
        @Option(names = "--data", paramLabel = "<folder>", defaultValue = "mpunit-data", scope = CommandLine.ScopeType.INHERIT,
                description = "Folder of the embedded database (default: ${DEFAULT-VALUE}).")
        Path data;

        @Option(names = "--database", paramLabel = "h2|<jdbc url>", defaultValue = "h2", scope = CommandLine.ScopeType.INHERIT,
                description = "h2 (the embedded file under --data, the default) or a jdbc:postgresql://host:port/name URL; "
                        + "its password from the environment variable " + Database.PASSWORD_VARIABLE + ".")
        String database;

        Database open() {
            return Database.open(database, data, null, System.getenv(Database.PASSWORD_VARIABLE));
        }
    }

    @Mixin
    DatabaseOptions databaseOptions;

    @Option(names = "--host", paramLabel = "<address>", defaultValue = ServerConfiguration.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--read", paramLabel = "public|token", defaultValue = "public",
            description = "Who may read: everyone (default) or holders of a read token.")
    String read;

    @Option(names = "--retention-days", paramLabel = "<days>",
            description = "Purge runs older than this many days, baselines excepted (default: keep everything).")
    Integer retentionDays;

    @Option(names = "--max-upload-mb", defaultValue = "64", description = "Largest upload (default: ${DEFAULT-VALUE} MiB).")
    long maxUploadMb;

    @Option(names = "--max-files", defaultValue = "20000", description = "Most files in one upload (default: ${DEFAULT-VALUE}).")
    int maxFiles;

    @Override
    public Integer call() throws Exception {
        if (!read.equals("public") && !read.equals("token")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--read is '" + read + "': give public or token");
        }
        UploadLimits limits = new UploadLimits(maxUploadMb * 1024 * 1024, maxFiles,
                UploadLimits.DEFAULTS.maxUnpackedBytes(), UploadLimits.DEFAULTS.maxFileBytes());
        ServerConfiguration configuration = new ServerConfiguration(host, port, databaseOptions.data,
                databaseOptions.database, System.getenv(Database.PASSWORD_VARIABLE), read.equals("token"),
                Optional.ofNullable(retentionDays).map(Duration::ofDays), limits);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Database database = databaseOptions.open(); ResultsServer server = ResultsServer.start(configuration, database)) {
            PrintWriter out = new PrintWriter(System.out, true);
            out.println("mpunit results server on " + server.uri() + " (database: "
                    + (database.embedded() ? databaseOptions.data.toAbsolutePath().resolve("mpunit.mv.db")
                            : Database.redactUrl(databaseOptions.database)) + "); Ctrl-C stops it");
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "mpunit-server-stop"));
            stopped.await();
        }
        return 0;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new ServerMain());
        // "--read token" is the option's value, not the token subcommand.
        line.setAllowSubcommandsAsOptionParameters(true);
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("mpunit serve: " + e.getMessage());
            return 1;
        });
        return line;
    }
}
