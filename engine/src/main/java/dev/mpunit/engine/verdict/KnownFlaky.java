package dev.mpunit.engine.verdict;

import java.util.Optional;

/**
 * run-tests.py's known-flaky tests: they still run, but a failure is reported
 * as {@code ignored} with the reason {@code flaky: <why>} instead of failing
 * the run. Passes stay passes.
 */
public final class KnownFlaky {

    /** Upstream's {@code FLAKY_REASON_PREFIX}. */
    public static final String FLAKY_REASON_PREFIX = "flaky";

    private KnownFlaky() {
    }

    /**
     * @param relPath the test relative to the tests root
     * @param hostPlatform the host's {@code sys.platform} ({@link HostPlatform#current()}):
     *        some entries only apply on some hosts (upstream tests the runner's
     *        {@code sys.platform}, not the target's)
     * @return {@code flaky: <reason>} when a failure of this test is to be ignored
     */
    public static Optional<String> reason(String relPath, String hostPlatform) {
        RunTestsTables.Flaky f = RunTestsTables.FLAKY.get(relPath);
        if (f == null || (f.hostPlatforms() != null && !f.hostPlatforms().contains(hostPlatform))) {
            return Optional.empty();
        }
        return Optional.of(FLAKY_REASON_PREFIX + ": " + f.reason());
    }
}
