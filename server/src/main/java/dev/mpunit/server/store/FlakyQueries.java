package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * Flaky tests: series (testbed, test, variant) whose verdict flipped between pass and fail within
 * their last runs. {@code test_status} keeps each series' last {@value #MAX_LAST} verdict letters
 * (newest first) and their flips; a series flips within its last N runs only if it flips within
 * all of them, so the candidates come from the index on {@code flips} and the flips of the last N
 * letters are counted here.
 */
public final class FlakyQueries {

    /** How many verdicts {@code test_status} keeps per series. */
    public static final int MAX_LAST = 64;

    /**
     * A flaky series.
     *
     * @param flips pass↔fail changes within {@code recent}
     * @param recent one letter per run, newest first ({@code P F S I X}), the last N runs asked for
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Flaky(String testbed, String group, String name, String variant, int flips, String recent,
            String lastVerdict, long lastRunId, String lastRunTime) {
    }

    /**
     * What the list is narrowed to.
     *
     * @param last how many of each series' newest runs count, 2 to {@value FlakyQueries#MAX_LAST}
     * @param minFlips how many flips make a series flaky, at least 1
     */
    public record Filter(String testbed, String group, String variant, int last, int minFlips) {

        public Filter {
            if (last < 2 || last > MAX_LAST) {
                throw new QueryRefused("last is " + last + ": give 2 to " + MAX_LAST + " (the runs each series is judged on)");
            }
            if (minFlips < 1) {
                throw new QueryRefused("min_flips is " + minFlips + ": give 1 or more");
            }
        }
    }

    /** Most flips first, then the most recently run; then by testbed, group, name and variant. */
    private static final Comparator<Flaky> ORDER = Comparator.comparingInt(Flaky::flips).reversed()
            .thenComparing(flaky -> Instant.parse(flaky.lastRunTime()), Comparator.reverseOrder())
            .thenComparing(Flaky::testbed).thenComparing(Flaky::group).thenComparing(Flaky::name)
            .thenComparing(Flaky::variant);

    private FlakyQueries() {
    }

    /**
     * Pass↔fail changes in a series' letters, newest first; other verdicts (skip, ignored, xfail)
     * between a pass and a fail neither count nor hide the change.
     */
    public static int flips(String recent) {
        int flips = 0;
        char previous = 0;
        for (char letter : recent.toCharArray()) {
            if (letter == 'P' || letter == 'F') {
                if (previous != 0 && previous != letter) {
                    flips++;
                }
                previous = letter;
            }
        }
        return flips;
    }

    public static Page<Flaky> flaky(Connection connection, Filter filter, PageRequest request) throws SQLException {
        Sql sql = new Sql("SELECT tb.name AS testbed, t.group_name, t.name, s.variant, s.recent, s.last_verdict, s.last_run_id, "
                + "s.last_run_time FROM test_status s JOIN tests t ON t.id = s.test_id JOIN testbeds tb ON tb.id = s.testbed_id "
                + "WHERE s.flips >= ?").append("", filter.minFlips());
        sql.and("s.testbed_id = (SELECT id FROM testbeds WHERE name = ?)", filter.testbed());
        sql.and("t.group_name = ?", filter.group());
        sql.and("s.variant = ?", filter.variant());
        List<Flaky> candidates = new ArrayList<>();
        try (PreparedStatement statement = sql.prepare(connection); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String recent = rows.getString("recent");
                recent = recent.substring(0, Math.min(recent.length(), filter.last()));
                int flips = flips(recent);
                if (flips >= filter.minFlips()) {
                    candidates.add(new Flaky(rows.getString("testbed"), rows.getString("group_name"), rows.getString("name"),
                            rows.getString("variant"), flips, recent, rows.getString("last_verdict"),
                            rows.getLong("last_run_id"), Sql.iso(Sql.instant(rows, "last_run_time"))));
                }
            }
        }
        candidates.sort(ORDER);
        String query = "flaky|" + filter;
        return Keyset.page(request, query, (direction, key, limit) -> {
            List<Flaky> ordered = new ArrayList<>(candidates);
            if (direction == Keyset.Direction.BACKWARD) {
                java.util.Collections.reverse(ordered);
            }
            Comparator<Flaky> order = direction == Keyset.Direction.FORWARD ? ORDER : ORDER.reversed();
            Flaky after = key == null ? null : fromKey(key);
            return ordered.stream().filter(flaky -> after == null || order.compare(flaky, after) > 0).limit(limit).toList();
        }, FlakyQueries::key, (long) candidates.size());
    }

    private static List<String> key(Flaky flaky) {
        return List.of(Integer.toString(flaky.flips()), flaky.lastRunTime(), flaky.testbed(), flaky.group(), flaky.name(),
                flaky.variant());
    }

    private static Flaky fromKey(List<String> key) {
        if (key.size() != 6 || key.contains(null)) {
            throw new QueryRefused("the cursor is damaged: leave cursor out to start again");
        }
        RunQueries.parseKeyTime(key.get(1));
        return new Flaky(key.get(2), key.get(3), key.get(4), key.get(5), Math.toIntExact(RunQueries.parseKeyLong(key.get(0))),
                "", "", 0, key.get(1));
    }
}
