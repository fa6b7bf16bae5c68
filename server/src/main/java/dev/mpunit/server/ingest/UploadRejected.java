package dev.mpunit.server.ingest;

/**
 * An upload refused as a whole, with the HTTP status it is answered with (400 malformed, 401/403
 * tokens, 409 conflict, 413 over a limit, 415 unknown media) and a message that names the problem.
 * Nothing of a rejected upload is stored.
 */
public final class UploadRejected extends Exception {

    private static final long serialVersionUID = 1L;
    private final int status;

    public UploadRejected(int status, String message) {
        super(message);
        this.status = status;
    }

    public UploadRejected(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
