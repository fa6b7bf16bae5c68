package dev.mpunit.server.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

import dev.mpunit.server.ResultsServer;
import dev.mpunit.server.ServerConfiguration;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.store.Database;
import dev.mpunit.server.store.RunWriter;
import dev.mpunit.server.store.Tokens;

/**
 * The results server on a year of nightly campaigns from two testbeds (10 million results and more),
 * on the embedded database and on PostgreSQL side by side: ingest rate, the time to push one
 * 25,000-result campaign through HTTP, and p50/p95 of the reads a maintainer makes. Prints figures;
 * asserts nothing (bench/server-benchmark.sh runs it).
 *
 * <pre>
 *   ResultsServerBenchmark [--nights 365] [--tests 900] [--benchmarks 30] [--requests 200]
 *                          [--work folder] [--databases h2,postgresql]
 * </pre>
 * PostgreSQL's URL comes from {@code MPUNIT_BENCH_POSTGRES_URL} (a database the benchmark may create
 * a schema in; the schema is dropped at the end).
 */
public final class ResultsServerBenchmark {

    private final int nights;
    private final int tests;
    private final int benchmarks;
    private final int requests;
    private final Path work;
    private final PrintStream out = System.out;

    private ResultsServerBenchmark(Map<String, String> options) {
        nights = Integer.parseInt(options.getOrDefault("nights", "365"));
        tests = Integer.parseInt(options.getOrDefault("tests", "900"));
        benchmarks = Integer.parseInt(options.getOrDefault("benchmarks", "30"));
        requests = Integer.parseInt(options.getOrDefault("requests", "200"));
        work = Path.of(options.getOrDefault("work", System.getProperty("java.io.tmpdir") + "/mpunit-server-benchmark"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        ResultsServerBenchmark benchmark = new ResultsServerBenchmark(options);
        List<Figures> columns = new ArrayList<>();
        for (String database : options.getOrDefault("databases", "h2,postgresql").split(",")) {
            columns.add(benchmark.run(database.trim()));
        }
        benchmark.print(columns);
    }

    /** What one database measured, in the order printed. */
    record Figures(String database, Map<String, String> rows) {
    }

    private Figures run(String kind) throws Exception {
        Map<String, String> rows = new LinkedHashMap<>();
        String url;
        String schema = null;
        if (kind.equals("h2")) {
            url = Database.EMBEDDED;
        } else {
            url = System.getenv("MPUNIT_BENCH_POSTGRES_URL");
            if (url == null || url.isBlank()) {
                out.println("PostgreSQL skipped: MPUNIT_BENCH_POSTGRES_URL is not set");
                return new Figures(kind, rows);
            }
            schema = "bench_" + Long.toHexString(System.nanoTime());
        }
        Path data = work.resolve(kind);
        deleteTree(data);
        NightlyCampaigns campaigns = new NightlyCampaigns(tests, benchmarks, 20261206L);
        LocalDate first = LocalDate.of(2025, 12, 6);
        try (Database database = Database.open(url, data, schema, System.getenv("MPUNIT_BENCH_POSTGRES_PASSWORD"))) {
            Tokens tokens = new Tokens(database);
            String tokenA = tokens.createPush("testbed-a", "benchmark").token();
            tokens.createPush("testbed-b", "benchmark");
            RunWriter writer = new RunWriter(database);
            long results = 0;
            long started = System.nanoTime();
            List<Double> perCampaign = new ArrayList<>();
            for (int night = 0; night < nights; night++) {
                LocalDate day = first.plusDays(night);
                for (int testbed = 0; testbed < 2; testbed++) {
                    ParsedRun run = campaigns.night(testbed, day);
                    long one = System.nanoTime();
                    writer.store(run);
                    perCampaign.add((System.nanoTime() - one) / 1e6);
                    results += campaigns.resultsPerNight(testbed);
                }
                if ((night + 1) % Math.max(1, nights / 12) == 0) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    out.printf(Locale.ROOT, "%s: %d nights, %,d results, %.0f s, %,.0f results/s%n", kind, night + 1, results,
                            seconds, results / seconds);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            rows.put("results stored", String.format(Locale.ROOT, "%,d", results));
            rows.put("ingest, results/s (whole year)", String.format(Locale.ROOT, "%,.0f", results / seconds));
            rows.put("ingest, one campaign p50 / p95 ms", percentiles(perCampaign));
            if (!database.embedded()) {
                try (Connection connection = database.connection(); Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE");
                }
            }
            try (ResultsServer server = ResultsServer.start(ServerConfiguration.embedded(data, 0).withDatabase(url), database)) {
                HttpClient http = HttpClient.newHttpClient();
                URI base = server.uri();
                // The 25,000-result campaign, pushed as a testbed pushes it.
                NightlyCampaigns large = new NightlyCampaigns(1560, benchmarks, 7L);
                List<Double> pushes = new ArrayList<>();
                int largeResults = large.resultsPerNight(0);
                for (int i = 0; i < 5; i++) {
                    byte[] body = ResultsFolderArchive.of(large.night(0, first.plusDays(nights + i)));
                    long one = System.nanoTime();
                    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(base.resolve("api/v1/runs?tz=UTC"))
                            .header("Authorization", "Bearer " + tokenA).header("Content-Type", "application/gzip")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                    pushes.add((System.nanoTime() - one) / 1e6);
                    if (answer.statusCode() != 201) {
                        throw new IllegalStateException("push answered " + answer.statusCode() + ": " + answer.body());
                    }
                }
                rows.put(String.format(Locale.ROOT, "push of a %,d-result campaign (HTTP) p50 / max ms", largeResults),
                        percentiles(pushes).replaceFirst(" / [^ ]+$", "") + " / "
                                + String.format(Locale.ROOT, "%.0f", pushes.stream().mapToDouble(d -> d).max().orElse(0)));
                long[] runIds = runIds(database);
                SplittableRandom random = new SplittableRandom(1);
                measure(rows, http, base, "runs page (newest 50)", r -> "api/v1/runs?limit=50");
                measure(rows, http, base, "runs page, one testbed, a month ago", r -> "api/v1/runs?limit=50&testbed=testbed-b&to="
                        + first.plusDays(nights - 30) + "T00:00:00Z");
                measure(rows, http, base, "run details, first page", r -> "api/v1/runs/" + pick(runIds, random) + "/results?limit=50");
                measure(rows, http, base, "run details, last page", r -> "api/v1/runs/" + pick(runIds, random)
                        + "/results?limit=50&page=last");
                measure(rows, http, base, "run details, failures only", r -> "api/v1/runs/" + pick(runIds, random)
                        + "/results?limit=50&verdict=fail");
                measure(rows, http, base, "one test's history (a year)", r -> "api/v1/tests/history?group=RUN-TESTS_STANDARD&name="
                        + NightlyCampaigns.testName(random.nextInt(tests)));
                measure(rows, http, base, "flaky tests (last 20 runs)", r -> "api/v1/flaky?last=20&limit=50");
                measure(rows, http, base, "data set: status, a year", r -> "api/v1/datasets/status?testbed=testbed-a&group="
                        + "RUN-TESTS_STANDARD&variant=" + NightlyCampaigns.BOARDS[random.nextInt(16)] + "&period=365d");
                measure(rows, http, base, "data set: duration, a year", r -> "api/v1/datasets/duration?testbed=testbed-a&group="
                        + "RUN-TESTS_STANDARD&variant=" + NightlyCampaigns.BOARDS[random.nextInt(16)] + "&period=365d");
                measure(rows, http, base, "compare two nights", r -> {
                    int i = 2 + random.nextInt(runIds.length - 2);
                    return "api/v1/compare?base=" + runIds[i - 2] + "&head=" + runIds[i];
                });
            }
        } finally {
            if (schema != null) {
                dropSchema(url, schema);
            }
        }
        return new Figures(kind, rows);
    }

    private void measure(Map<String, String> rows, HttpClient http, URI base, String name, Function<Integer, String> path)
            throws IOException, InterruptedException {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < requests + 20; i++) {
            URI uri = base.resolve(path.apply(i));
            long one = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            double ms = (System.nanoTime() - one) / 1e6;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + answer.statusCode() + ": " + new String(answer.body()));
            }
            if (i >= 20) {
                times.add(ms);
            }
        }
        rows.put(name + ", p50 / p95 ms", percentiles(times));
    }

    private static long pick(long[] ids, SplittableRandom random) {
        return ids[random.nextInt(ids.length)];
    }

    private static long[] runIds(Database database) throws Exception {
        try (Connection connection = database.connection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM runs ORDER BY time_start, id")) {
            List<Long> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids.stream().mapToLong(Long::longValue).toArray();
        }
    }

    static String percentiles(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f / %.1f", sorted[(int) Math.floor(0.50 * (sorted.length - 1))],
                sorted[(int) Math.ceil(0.95 * (sorted.length - 1))]);
    }

    private void print(List<Figures> columns) {
        List<String> names = new ArrayList<>();
        columns.forEach(column -> column.rows().keySet().stream().filter(name -> !names.contains(name)).forEach(names::add));
        int width = names.stream().mapToInt(String::length).max().orElse(10);
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", ""));
        columns.forEach(column -> header.append(String.format(Locale.ROOT, " | %18s", column.database())));
        out.println();
        out.println(header);
        for (String name : names) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", name));
            columns.forEach(column -> line.append(String.format(Locale.ROOT, " | %18s", column.rows().getOrDefault(name, "-"))));
            out.println(line);
        }
        out.println("(" + nights + " nights x 2 testbeds; " + tests + " tests per variant; " + requests
                + " requests per read after 20 to warm up; java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " cores)");
    }

    private static void dropSchema(String url, String schema) throws Exception {
        try (Connection connection = java.sql.DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
