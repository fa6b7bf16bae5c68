package dev.mpunit.server.ingest;

/**
 * What one upload may hold; over any of them it is refused with 413 and nothing is stored.
 *
 * @param maxBodyBytes the request body as sent (compressed)
 * @param maxFiles entries of an archive
 * @param maxUnpackedBytes all entries unpacked together (a gzip bomb stops here)
 * @param maxFileBytes one entry unpacked
 */
public record UploadLimits(long maxBodyBytes, int maxFiles, long maxUnpackedBytes, long maxFileBytes) {

    private static final long MIB = 1024 * 1024;

    /** A release's campaign of 16+ boards is a few MiB compressed; these leave a wide margin. */
    public static final UploadLimits DEFAULTS = new UploadLimits(64 * MIB, 20_000, 512 * MIB, 32 * MIB);
}
