package dev.mpunit.server;

import java.io.PrintWriter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mpunit serve token create|list|revoke}: who may push, and who may read when reading is closed. */
@Command(name = "token", mixinStandardHelpOptions = true, description = "Creates, lists and revokes tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
final class TokenCommand {

    @ParentCommand
    ServerMain main;

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'");

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Creates a push token for a testbed (the testbed with it) or, with --read, a read token.",
                    "The token is printed once, alone on standard output; only its hash is kept."})
    static final class Create implements Callable<Integer> {
        @ParentCommand
        TokenCommand token;

        @Parameters(arity = "0..1", paramLabel = "<testbed>",
                description = "The testbed whose runs the token pushes (its context.json's testbed).")
        String testbed;

        @Option(names = "--read", description = "A read token instead (for a server started with --read token).")
        boolean read;

        @Option(names = "--label", paramLabel = "<text>", description = "What the token is for, shown by 'token list'.")
        String label;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (read == (testbed != null)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "give a testbed (a push token) or --read (a read token), not both");
            }
            try (Database opened = token.main.databaseOptions.open()) {
                Tokens tokens = new Tokens(opened);
                Tokens.Created created = read ? tokens.createRead(label) : tokens.createPush(testbed, label);
                PrintWriter err = spec.commandLine().getErr();
                err.println(read ? "read token " + created.id() + " (" + created.hint() + "…): give it to /login or send "
                        + "'Authorization: Bearer <token>'; it is shown this once:"
                        : "push token " + created.id() + " (" + created.hint() + "…) for testbed '" + testbed
                                + "': the testbed sends it as 'Authorization: Bearer <token>' (mpunit reads it from "
                                + "MPUNIT_UPLOAD_TOKEN); it is shown this once:");
                err.flush();
                PrintWriter out = spec.commandLine().getOut();
                out.println(created.token());
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every token (never the token itself).")
    static final class ListTokens implements Callable<Integer> {
        @ParentCommand
        TokenCommand token;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<Tokens.Listed> listed;
            try (Database opened = token.main.databaseOptions.open()) {
                listed = new Tokens(opened).list();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-5s %-5s %-20s %-12s %-17s %-17s %-17s %s%n", "id", "kind", "testbed", "hint", "created",
                    "last used", "revoked", "label");
            for (Tokens.Listed token : listed) {
                out.printf("%-5d %-5s %-20s %-12s %-17s %-17s %-17s %s%n", token.id(), token.kind().name().toLowerCase(),
                        token.testbed() == null ? "-" : token.testbed(), token.hint() + "…", shown(token.createdAt()),
                        shown(token.lastUsedAt()), shown(token.revokedAt()), token.label() == null ? "" : token.label());
            }
            if (listed.isEmpty()) {
                out.println("(no tokens: 'token create <testbed>' makes one)");
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revokes a token: it stops working at once.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand
        TokenCommand token;

        @Parameters(paramLabel = "<id|hint>", description = "The token's id or hint as 'token list' shows them (or the token).")
        String which;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            try (Database opened = token.main.databaseOptions.open()) {
                Tokens.Listed revoked = new Tokens(opened).revoke(which);
                PrintWriter out = spec.commandLine().getOut();
                out.println("revoked token " + revoked.id() + " (" + revoked.hint() + "…"
                        + (revoked.testbed() == null ? ", read" : ", testbed '" + revoked.testbed() + "'") + ")");
                out.flush();
            }
            return 0;
        }
    }

    private static String shown(OffsetDateTime time) {
        return time == null ? "-" : SHOWN.format(time.withOffsetSameInstant(java.time.ZoneOffset.UTC));
    }
}
