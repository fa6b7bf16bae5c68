package dev.mpunit.server.store;

/**
 * Which page of a list is asked for: the first (no cursor), the one a cursor names, or the last.
 *
 * @param cursor a {@link Page#next()} or {@link Page#prev()} this server gave; null for the first page
 * @param last the last page, found by reading the list backwards (as cheap as the first)
 * @param limit items per page, 1 to {@value #MAX_LIMIT}
 */
public record PageRequest(String cursor, boolean last, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new QueryRefused("limit is " + limit + ": give 1 to " + MAX_LIMIT);
        }
        if (last && cursor != null) {
            throw new QueryRefused("page=last and cursor together: give one of them");
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(null, false, limit);
    }
}
