package dev.mpunit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.RunWriter;
import dev.mpunit.server.store.SampleRuns;
import dev.mpunit.server.store.Tokens;
import picocli.CommandLine;

/** The command line's token and purge subcommands on the embedded database (Tokens and Retention run on both). */
class ServerCommandsTest {

    @TempDir
    Path folder;

    private record Ran(int exit, String out, String err) {
    }

    private Ran run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = ServerMain.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        int exit = line.execute(args);
        return new Ran(exit, out.toString(), err.toString());
    }

    @Test
    void tokenCreatePrintsTheTokenOnceAloneOnStandardOutputAndListShowsOnlyItsHint() throws Exception {
        String data = folder.resolve("data").toString();
        Ran created = run("token", "create", "bed-a", "--label", "lab bench", "--data", data);
        Ran read = run("--data", data, "token", "create", "--read");
        Ran listed = run("token", "list", "--data", data);

        assertThat(created.exit()).as(created.err()).isZero();
        String token = created.out().strip();
        assertThat(token).matches("mpt_[A-Za-z0-9_-]{43}");
        assertThat(created.err()).contains("push token 1 (" + token.substring(0, 10) + "…) for testbed 'bed-a'")
                .doesNotContain(token);
        assertThat(read.exit()).as("--data before the subcommand works too: " + read.err()).isZero();
        assertThat(listed.out()).contains("bed-a").contains(token.substring(0, 10) + "…").contains("lab bench")
                .contains("read").doesNotContain(token).doesNotContain(read.out().strip());
        try (Database database = Database.open(Database.EMBEDDED, Path.of(data), null, null)) {
            assertThat(new Tokens(database).verify(token)).map(Tokens.Holder::testbed).contains("bed-a");
        }

        Ran revoked = run("token", "revoke", token.substring(0, 10), "--data", data);
        assertThat(revoked.out()).contains("revoked token 1 (" + token.substring(0, 10) + "…, testbed 'bed-a')");
        try (Database database = Database.open(Database.EMBEDDED, Path.of(data), null, null)) {
            assertThat(new Tokens(database).verify(token)).isEmpty();
        }
        Ran unknown = run("token", "revoke", "99", "--data", data);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no token '99'");
    }

    @Test
    void readTokenIsTheReadOptionsValueNotTheTokenSubcommand() {
        CommandLine line = ServerMain.commandLine();
        CommandLine.ParseResult parsed = line.parseArgs("--read", "token", "--data", folder.toString());
        assertThat(parsed.subcommand()).isNull();
        assertThat(((ServerMain) line.getCommand()).read).isEqualTo("token");
        assertThat(line.parseArgs("--data", folder.toString(), "token", "list").subcommand().commandSpec().name())
                .isEqualTo("token");
    }

    @Test
    void tokenCreateWantsATestbedOrRead() {
        Ran neither = run("token", "create", "--data", folder.resolve("data").toString());
        assertThat(neither.exit()).isEqualTo(2);
        assertThat(neither.err()).contains("give a testbed (a push token) or --read (a read token)");
    }

    @Test
    void purgeDeletesOldRunsNowAndKeepsBaselines() throws Exception {
        Path data = folder.resolve("data");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Database database = Database.open(Database.EMBEDDED, data, null, null)) {
            RunWriter writer = new RunWriter(database);
            writer.store(SampleRuns.run("bed-a", now.minusDays(40)).build());
            long baseline = writer.store(SampleRuns.run("bed-a", now.minusDays(50)).build()).runId();
            writer.setBaseline(baseline, true);
            writer.store(SampleRuns.run("bed-a", now.minusDays(3)).build());
        }

        Ran purged = run("purge", "--retention-days", "30", "--data", data.toString());

        assertThat(purged.exit()).as(purged.err()).isZero();
        assertThat(purged.out()).startsWith("purged 1 runs started before ");
        Ran missing = run("purge", "--data", data.toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("--retention-days");
    }
}
