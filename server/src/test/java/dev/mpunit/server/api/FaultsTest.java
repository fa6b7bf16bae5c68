package dev.mpunit.server.api;

import static dev.mpunit.server.api.Http.json;
import static dev.mpunit.server.api.Http.tarGz;
import static dev.mpunit.server.api.IngestRoutesTest.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.TestDatabases;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.Tokens;

/** Load and faults on loopback: pushes at once, a server killed mid-upload, the database gone. */
class FaultsTest {

    private static final int RESULTS_PER_RUN = 21;

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void severalTestbedsPushingAtOnceHaveEveryResultCountedExactlyOnce(TestDatabases kind) throws Exception {
        int testbeds = 4;
        int nights = 3;
        try (TestDatabases.Opened opened = kind.open(folder);
                ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), opened.database())) {
            Tokens tokens = new Tokens(opened.database());
            List<Callable<Integer>> pushes = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int testbed = 1; testbed <= testbeds; testbed++) {
                String name = "bed-" + testbed;
                String token = tokens.createPush(name, null).token();
                for (int night = 1; night <= nights; night++) {
                    // Every testbed runs the same tests and writes the same summaries: their tests
                    // and files are stored by several pushes at the same moment.
                    byte[] body = tarGz("mpunit-examples", Map.of("context.json", "{\"testbed\": \"" + name
                            + "\", \"time_start\": \"2026-12-0" + night + " 02:00:00\", \"time_end\": \"2026-12-0" + night
                            + " 02:30:00\", \"unfinished\": false}"));
                    for (int copy = 0; copy < 2; copy++) {
                        pushes.add(() -> {
                            start.await();
                            HttpResponse<String> pushed = new Http(server.uri()).push("/api/v1/runs", body, token);
                            assertThat(pushed.statusCode()).as(pushed.body()).isIn(200, 201);
                            return pushed.statusCode();
                        });
                    }
                }
            }
            Collections.shuffle(pushes, new java.util.Random(14));
            ExecutorService threads = Executors.newFixedThreadPool(8);
            List<Integer> statuses = new ArrayList<>();
            long started = System.nanoTime();
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (Callable<Integer> push : pushes) {
                    answers.add(threads.submit(push));
                }
                start.countDown();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get());
                }
            } finally {
                threads.shutdownNow();
            }
            System.out.printf("%s: %d pushes by %d testbeds on 8 threads in %d ms%n", kind, pushes.size(), testbeds,
                    (System.nanoTime() - started) / 1_000_000);

            int runs = testbeds * nights;
            assertThat(statuses).filteredOn(status -> status == 201).hasSize(runs);
            assertThat(statuses).filteredOn(status -> status == 200).as("the second push of each run").hasSize(runs);
            assertThat(count(opened, "runs")).isEqualTo(runs);
            assertThat(count(opened, "results")).isEqualTo((long) runs * RESULTS_PER_RUN);
            assertThat(scalar(opened, "SELECT COUNT(*) FROM runs r WHERE r.n_total <> "
                    + "(SELECT COUNT(*) FROM results x WHERE x.run_id = r.id)")).isZero();
            assertThat(count(opened, "test_status")).as("one series per testbed, test and variant")
                    .isEqualTo((long) testbeds * RESULTS_PER_RUN);
            assertThat(scalar(opened, "SELECT COUNT(*) FROM test_status WHERE LENGTH(recent) <> " + nights))
                    .as("every night's letter in every series").isZero();
            assertThat(scalar(opened, "SELECT COUNT(*) FROM tests")).isEqualTo(RESULTS_PER_RUN);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void aServerKilledMidUploadShowsNoHalfRunAndThePushAgainIsStoredOnce(TestDatabases kind) throws Exception {
        List<String> database = new ArrayList<>();
        TestDatabases.Opened opened = kind.open(folder);
        Path data = folder.resolve("child-data");
        try {
            Database direct;
            if (kind == TestDatabases.H2) {
                // The child opens the embedded file itself: this test reaches it only while the child is stopped.
                opened.database().close();
                direct = Database.open(Database.EMBEDDED, data, null, null);
                database.addAll(List.of("--data", data.toString()));
            } else {
                direct = opened.database();
                database.addAll(List.of("--database", opened.url() + "&currentSchema=" + opened.schema()));
            }
            String token = new Tokens(direct).createPush("bed-a", null).token();
            if (kind == TestDatabases.H2) {
                direct.close();
            }
            byte[] body = Http.junitXml("RUN-TESTS_STANDARD", 25_000);
            String push = "/api/v1/runs?testbed=bed-a&time_start=2026-12-01T02:00:00";
            String output;

            try (ChildServer server = new ChildServer(database)) {
                try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST " + push + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/xml\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body, 0, body.length / 2);
                    out.flush();
                    server.kill();
                }
                output = server.output();
            }
            try (ChildServer server = new ChildServer(database)) {
                Http http = new Http(server.uri());
                assertThat(json(http.get("/api/v1/runs", (String) null)).get("items")).as("no half run").isEmpty();

                // Now the whole body, and killed the moment it is sent: stored whole or not at all.
                try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST " + push + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/xml\r\nContent-Length: " + body.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(body);
                    out.flush();
                    server.kill();
                }
                output += server.output();
            }
            try (ChildServer server = new ChildServer(database)) {
                Http http = new Http(server.uri());
                var listed = json(http.get("/api/v1/runs", (String) null)).get("items");
                assertThat(listed.size()).isLessThanOrEqualTo(1);
                System.out.printf("%s: killed as the whole body was sent, the push was %s%n", kind,
                        listed.size() == 1 ? "stored whole" : "not stored at all");
                if (listed.size() == 1) {
                    assertThat(listed.get(0).get("totals").get("total").asInt()).as("whole").isEqualTo(25_000);
                }
                // The client's retry: stored once, however the killed push ended.
                HttpResponse<String> retried = http.push(push, body, token);
                assertThat(retried.statusCode()).as(retried.body()).isIn(200, 201);
                HttpResponse<String> again = http.push(push, body, token);
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(json(again).get("duplicate").asBoolean()).isTrue();
                assertThat(json(http.get("/api/v1/runs", (String) null)).get("items")).hasSize(1);
                output += server.output();
            }
            assertThat(output).as("the token never appears in what the server prints").doesNotContain(token)
                    .doesNotContain(token.substring(4));
            if (kind == TestDatabases.H2) {
                direct = Database.open(Database.EMBEDDED, data, null, null);
                try (Connection connection = direct.connection(); Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT COUNT(*), (SELECT COUNT(*) FROM results) FROM runs")) {
                    rows.next();
                    assertThat(rows.getLong(1)).isEqualTo(1);
                    assertThat(rows.getLong(2)).isEqualTo(25_000);
                } finally {
                    direct.close();
                }
            } else {
                assertThat(count(opened, "runs")).isEqualTo(1);
                assertThat(count(opened, "results")).isEqualTo(25_000);
            }
        } finally {
            opened.close();
        }
    }

    @Test
    void aPushWhileTheDatabaseIsDownIsAnswered503AndStoresNothing() throws Exception {
        String url = TestDatabases.postgresUrl();
        URI address = URI.create(url.substring("jdbc:".length()));
        try (TestDatabases.Opened opened = TestDatabases.POSTGRESQL.open(folder);
                TcpRelay relay = new TcpRelay(address.getHost(), address.getPort())) {
            String relayed = url.replace(address.getHost() + ":" + address.getPort(), "127.0.0.1:" + relay.port())
                    + "&currentSchema=" + opened.schema();
            String token = new Tokens(opened.database()).createPush("bed-a", null).token();
            try (Database throughRelay = Database.open(relayed, folder, null, null);
                    ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(folder, 0), throughRelay)) {
                Http http = new Http(server.uri());
                assertThat(http.get("/api/v1/runs", (String) null).statusCode()).isEqualTo(200);

                relay.close();
                HttpResponse<String> pushed = http.push("/api/v1/runs?testbed=bed-a", Http.junitXml("RUN-TESTS", 10), token);

                assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(503);
                assertThat(json(pushed).get("error").asString()).startsWith("results database unavailable: ")
                        .contains("nothing was stored, push again later");
            }
            assertThat(count(opened, "runs")).isZero();
        }
    }

    @Test
    void onlyADatabaseThatCannotBeReachedOrIsBusyIsCalledUnavailable() {
        assertThat(IngestRoutes.unavailable(new java.sql.SQLTransientConnectionException("pool: request timed out"))).isTrue();
        assertThat(IngestRoutes.unavailable(new java.sql.SQLException("I/O error", "08006"))).isTrue();
        assertThat(IngestRoutes.unavailable(new java.sql.SQLException("too many clients", "53300"))).isTrue();
        assertThat(IngestRoutes.unavailable(new java.sql.SQLException("deadlock", "40P01"))).isTrue();
        assertThat(IngestRoutes.unavailable(new java.sql.SQLException("wrapped", null,
                new java.sql.SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(IngestRoutes.unavailable(new java.sql.SQLException("relation \"runs\" does not exist", "42P01")))
                .as("a broken statement is the server's error, not an outage").isFalse();
    }

    private static long scalar(TestDatabases.Opened opened, String sql) throws Exception {
        try (Connection connection = opened.database().connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
