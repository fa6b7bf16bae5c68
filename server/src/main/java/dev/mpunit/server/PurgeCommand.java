package dev.mpunit.server;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Retention;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mpunit serve purge --retention-days N}: the retention's purge, now (a server with the option does it daily). */
@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Purges the runs that started more than --retention-days ago, baselines excepted.")
final class PurgeCommand implements Callable<Integer> {

    @ParentCommand
    ServerMain main;

    @Option(names = "--retention-days", required = true, paramLabel = "<days>", description = "Keep this many days of runs.")
    int retentionDays;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Database opened = main.databaseOptions.open()) {
            Retention retention = new Retention(opened, Duration.ofDays(retentionDays));
            int purged = retention.purge();
            spec.commandLine().getOut().println("purged " + purged + " runs started before " + retention.cutoff()
                    + " (baselines kept)");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
