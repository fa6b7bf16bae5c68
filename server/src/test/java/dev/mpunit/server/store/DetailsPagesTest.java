package dev.mpunit.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.mpunit.server.Campaigns;
import dev.mpunit.server.TestDatabases;
import dev.mpunit.server.ingest.ParsedRun;

/**
 * A release campaign of about 25,000 results: its first and last detail pages in every sort are
 * the run's first and last results, and each is one index range read (no sort of the run's rows):
 * every query a page runs is run under EXPLAIN ANALYZE on PostgreSQL (an index range of the run's
 * results, fewer than 500 rows read and fewer dropped, whatever the page), and the time of a page is printed for both databases
 * (figures, not assertions).
 */
class DetailsPagesTest {

    static final Campaigns RELEASE = Campaigns.testbed("bed-release").variants(Campaigns.BOARD_VARIANTS).standardTests(1530)
            .multiTests(4).benchmarks(20);

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(TestDatabases.class)
    void theLastPageOfA25000ResultRunIsReadLikeTheFirst(TestDatabases kind) throws Exception {
        try (TestDatabases.Opened opened = kind.open(folder)) {
            ParsedRun run = RELEASE.night(9);
            long started = System.nanoTime();
            long id = new RunWriter(opened.database()).store(run).runId();
            double storeMs = (System.nanoTime() - started) / 1e6;
            int results = run.testRuns().stream().mapToInt(testRun -> testRun.results().size()).sum();
            assertThat(results).isBetween(24_000, 26_000);
            if (kind == TestDatabases.POSTGRESQL) {
                try (Connection connection = opened.database().connection(); Statement statement = connection.createStatement()) {
                    statement.execute("ANALYZE");
                }
            }
            System.out.printf(Locale.ROOT, "%s: stored %,d results in %.0f ms%n", kind, results, storeMs);
            for (ResultQueries.Sort sort : ResultQueries.Sort.values()) {
                for (ResultQueries.Filter filter : List.of(ResultQueries.Filter.NONE,
                        new ResultQueries.Filter(List.of("pass"), null, null, null))) {
                    PageRequest first = PageRequest.first(50);
                    PageRequest last = new PageRequest(null, true, 50);
                    try (Connection connection = opened.database().connection()) {
                        Page<ResultQueries.Result> firstPage = ResultQueries.results(connection, id, filter, sort, first);
                        Page<ResultQueries.Result> lastPage = ResultQueries.results(connection, id, filter, sort, last);
                        assertThat(firstPage.items()).hasSize(50);
                        assertThat(lastPage.items()).hasSize(50);
                        assertThat(firstPage.next()).isNotNull();
                        assertThat(lastPage.prev()).isNotNull();
                        Page<ResultQueries.Result> beforeLast = ResultQueries.results(connection, id, filter, sort,
                                new PageRequest(lastPage.prev(), false, 50));
                        assertThat(beforeLast.next()).isNotNull();
                        assertThat(ResultQueries.results(connection, id, filter, sort,
                                new PageRequest(beforeLast.next(), false, 50)).items()).isEqualTo(lastPage.items());
                        if (kind == TestDatabases.POSTGRESQL) {
                            PageRequest second = new PageRequest(firstPage.next(), false, 50);
                            PageRequest backToFirst = new PageRequest(
                                    ResultQueries.results(connection, id, filter, sort, second).prev(), false, 50);
                            PageRequest beforeLastRequest = new PageRequest(lastPage.prev(), false, 50);
                            PageRequest againLast = new PageRequest(beforeLast.next(), false, 50);
                            for (PageRequest request : List.of(first, second, backToFirst, last, beforeLastRequest, againLast)) {
                                for (String plan : plans(connection, id, filter, sort, request)) {
                                    assertThat(plan).as("%s %s", sort, filter.verdicts()).doesNotContain("Seq Scan on results");
                                    Matcher read = Pattern.compile("Scan[^\\n]* on results r [^\\n]*actual rows=(\\d+)").matcher(plan);
                                    assertThat(read.find()).as(plan).isTrue();
                                    assertThat(Integer.parseInt(read.group(1))).as("rows of the run a page reads: %s", plan)
                                            .isLessThan(500);
                                    // Longest first among some verdicts reads the duration index past the others
                                    // (docs/server-api.md says so); every other page reads only its own rows.
                                    boolean durationOfSome = sort == ResultQueries.Sort.DURATION && !filter.verdicts().isEmpty();
                                    Matcher removed = Pattern.compile("Rows Removed by Filter: (\\d+)").matcher(plan);
                                    while (!durationOfSome && removed.find()) {
                                        assertThat(Integer.parseInt(removed.group(1))).as("rows a page reads beyond its own: %s", plan)
                                                .isLessThan(500);
                                    }
                                }
                            }
                        }
                        System.out.printf(Locale.ROOT, "%s: sort %-9s %-6s first page %s, last page %s%n", kind, sort.word(),
                                filter.verdicts().isEmpty() ? "" : String.join(",", filter.verdicts()),
                                figures(connection, id, filter, sort, first), figures(connection, id, filter, sort, last));
                    }
                }
            }
        }
    }

    /** p50 and p95 of 40 reads of one page, after 10 to warm up. */
    private static String figures(Connection connection, long id, ResultQueries.Filter filter, ResultQueries.Sort sort,
            PageRequest request) throws Exception {
        double[] times = new double[40];
        for (int i = -10; i < times.length; i++) {
            long start = System.nanoTime();
            ResultQueries.results(connection, id, filter, sort, request);
            if (i >= 0) {
                times[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        Arrays.sort(times);
        return String.format(Locale.ROOT, "p50 %5.2f ms p95 %5.2f ms", times[times.length / 2], times[times.length * 95 / 100]);
    }

    /** PostgreSQL's plan of every query the page runs, with the parameters it binds. */
    private static List<String> plans(Connection connection, long id, ResultQueries.Filter filter, ResultQueries.Sort sort,
            PageRequest request) throws Exception {
        List<String> sqls = new ArrayList<>();
        List<TreeMap<Integer, Object>> parameters = new ArrayList<>();
        ResultQueries.results(recording(connection, sqls, parameters), id, filter, sort, request);
        List<String> plans = new ArrayList<>();
        for (int i = 0; i < sqls.size(); i++) {
            if (!sqls.get(i).contains("FROM results")) {
                continue;
            }
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, TIMING OFF) " + sqls.get(i))) {
                for (var parameter : parameters.get(i).entrySet()) {
                    explain.setObject(parameter.getKey(), parameter.getValue());
                }
                StringBuilder plan = new StringBuilder(sqls.get(i)).append('\n');
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
                plans.add(plan.toString());
            }
        }
        assertThat(plans).isNotEmpty();
        return plans;
    }

    /** The connection, recording the SQL of every statement prepared on it and the values bound. */
    private static Connection recording(Connection connection, List<String> sqls, List<TreeMap<Integer, Object>> parameters) {
        InvocationHandler onConnection = (proxy, method, args) -> {
            Object answer = invoke(method, connection, args);
            if (method.getName().equals("prepareStatement")) {
                sqls.add((String) args[0]);
                TreeMap<Integer, Object> bound = new TreeMap<>();
                parameters.add(bound);
                PreparedStatement statement = (PreparedStatement) answer;
                return Proxy.newProxyInstance(DetailsPagesTest.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
                        (inner, call, values) -> {
                            if (call.getName().startsWith("set") && values != null && values.length == 2
                                    && values[0] instanceof Integer index) {
                                bound.put(index, values[1]);
                            }
                            return invoke(call, statement, values);
                        });
            }
            return answer;
        };
        return (Connection) Proxy.newProxyInstance(DetailsPagesTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                onConnection);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
