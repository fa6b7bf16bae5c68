package dev.mpunit.server.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import dev.mpunit.server.ingest.ParsedRun;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keyset pagination shared by every long list: a cursor holds the sort key of the row a page ended
 * (or began) with, the direction to read in, and a fingerprint of the query's filters and sort so a
 * cursor of one list is never read against another. A list reads {@code limit + 1} rows after (or
 * before) that key in its index order; the extra row only tells whether there is more. The last
 * page reads the order backwards from its end: as cheap as the first.
 */
final class Keyset {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    enum Direction {
        /** In the list's order, after the key. */
        FORWARD,
        /** Against the list's order, before the key (prev and the last page). */
        BACKWARD
    }

    /** Reads rows of one list: in {@code direction}'s order, strictly after (before) {@code key}, or from the start (end) when null. */
    @FunctionalInterface
    interface Fetch<T> {
        List<T> rows(Direction direction, List<String> key, int limit) throws java.sql.SQLException;
    }

    record Cursor(Direction direction, String query, List<String> key) {
    }

    private Keyset() {
    }

    /**
     * One page of the list {@code fetch} reads.
     *
     * @param query what the list is (its filters and sort, as text): a cursor of another list is refused
     * @param keyOf the sort key of a row, as the fetch reads it back
     */
    static <T> Page<T> page(PageRequest request, String query, Fetch<T> fetch, Function<T, List<String>> keyOf, Long total)
            throws java.sql.SQLException {
        String fingerprint = fingerprint(query);
        int limit = request.limit();
        if (request.last()) {
            List<T> rows = new ArrayList<>(fetch.rows(Direction.BACKWARD, null, limit + 1));
            boolean more = trim(rows, limit);
            Collections.reverse(rows);
            String prev = more ? encode(Direction.BACKWARD, fingerprint, keyOf.apply(rows.get(0))) : null;
            return new Page<>(rows, null, prev, total);
        }
        if (request.cursor() == null) {
            List<T> rows = new ArrayList<>(fetch.rows(Direction.FORWARD, null, limit + 1));
            boolean more = trim(rows, limit);
            String next = more ? encode(Direction.FORWARD, fingerprint, keyOf.apply(rows.get(rows.size() - 1))) : null;
            return new Page<>(rows, next, null, total);
        }
        Cursor cursor = decode(request.cursor(), fingerprint);
        List<T> rows = new ArrayList<>(fetch.rows(cursor.direction(), cursor.key(), limit + 1));
        boolean more = trim(rows, limit);
        if (cursor.direction() == Direction.FORWARD) {
            String next = more ? encode(Direction.FORWARD, fingerprint, keyOf.apply(rows.get(rows.size() - 1))) : null;
            // A page after a key always has the key's own row before it.
            String prev = encode(Direction.BACKWARD, fingerprint, rows.isEmpty() ? cursor.key() : keyOf.apply(rows.get(0)));
            return new Page<>(rows, next, prev, total);
        }
        Collections.reverse(rows);
        String prev = more ? encode(Direction.BACKWARD, fingerprint, keyOf.apply(rows.get(0))) : null;
        String next = encode(Direction.FORWARD, fingerprint,
                rows.isEmpty() ? cursor.key() : keyOf.apply(rows.get(rows.size() - 1)));
        return new Page<>(rows, next, prev, total);
    }

    /** A short digest of what a list is, carried in its cursors. */
    static String fingerprint(String query) {
        return ParsedRun.sha256(query.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    private static <T> boolean trim(List<T> rows, int limit) {
        if (rows.size() <= limit) {
            return false;
        }
        rows.subList(limit, rows.size()).clear();
        return true;
    }

    static String encode(Direction direction, String fingerprint, List<String> key) {
        List<String> parts = new ArrayList<>();
        parts.add(direction == Direction.FORWARD ? "n" : "p");
        parts.add(fingerprint);
        parts.addAll(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(parts));
    }

    static Cursor decode(String cursor, String fingerprint) {
        List<String> parts;
        try {
            String[] read = JSON.readValue(Base64.getUrlDecoder().decode(cursor), String[].class);
            parts = read == null ? List.of() : java.util.Arrays.asList(read);
        } catch (IllegalArgumentException | JacksonException e) {
            throw new QueryRefused("cursor '" + shorten(cursor) + "' is not one this server gave: "
                    + "take next or prev from a page's answer, or leave cursor out for the first page");
        }
        if (parts.size() < 3 || !(parts.get(0).equals("n") || parts.get(0).equals("p"))) {
            throw new QueryRefused("cursor '" + shorten(cursor) + "' is not one this server gave: "
                    + "take next or prev from a page's answer, or leave cursor out for the first page");
        }
        if (!fingerprint.equals(parts.get(1))) {
            throw new QueryRefused("the cursor belongs to another list (other filters or sort): "
                    + "keep the filters and sort the cursor came with, or leave cursor out to start again");
        }
        return new Cursor(parts.get(0).equals("n") ? Direction.FORWARD : Direction.BACKWARD, parts.get(1),
                parts.subList(2, parts.size()));
    }

    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
