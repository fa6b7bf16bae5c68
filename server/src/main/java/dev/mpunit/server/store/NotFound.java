package dev.mpunit.server.store;

/** A read names a run or a test the store does not hold; the API answers 404 with the message. */
public final class NotFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
        super(message);
    }

    public static NotFound run(long id) {
        return new NotFound("no run " + id + ": it was never pushed, or was deleted or purged; GET /api/v1/runs lists the runs");
    }
}
