package dev.mpunit.server.store;

/**
 * A read the query classes cannot answer because of its parameters (a bad cursor, an unknown sort,
 * a malformed time); the message says what to give instead. The API answers it with 400.
 */
public final class QueryRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public QueryRefused(String message) {
        super(message);
    }
}
