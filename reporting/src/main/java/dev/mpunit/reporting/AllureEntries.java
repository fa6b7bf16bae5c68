package dev.mpunit.reporting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@link AllureEntriesListener} collected about each test, by unique id, until
 * {@link AllureResultEnricher} takes it as Allure writes that test's result. Shared through a
 * static map because the launcher and Allure each create their own listener instances from the
 * service loader, and neither hands one to the other.
 */
final class AllureEntries {

    /** The {@code micropython.*} report entries of one test, and the files its big outputs went to. */
    static final class Collected {
        private final Map<String, String> entries = new LinkedHashMap<>();
        private final Map<String, Path> files = new LinkedHashMap<>();
        /** A file run more than once: each run's entries, in order ({@code micropython.attempt}). */
        private final List<Map<String, String>> attempts = new ArrayList<>();
        private Secrets secrets = Secrets.none();

        /** The run's secrets (micropython.secrets): blanked out of everything Allure is given. */
        synchronized void secrets(Secrets runSecrets) {
            secrets = runSecrets;
        }

        synchronized Secrets secrets() {
            return secrets;
        }

        synchronized void putAll(Map<String, String> more) {
            entries.putAll(more);
        }

        /**
         * One run of a file run more than once: kept, and its entries become the test's in place of the
         * last run's (merged, a failed run's reason would outlive the passing run after it).
         */
        synchronized void putAttempt(Map<String, String> run) {
            attempts.add(Map.copyOf(run));
            entries.clear();
            entries.putAll(run);
        }

        synchronized List<Map<String, String>> attempts() {
            return List.copyOf(attempts);
        }

        synchronized void putFile(String name, Path path) {
            files.put(name, path);
        }

        synchronized Map<String, String> entries() {
            return Map.copyOf(entries);
        }

        /** File entries by file name ({@code output.txt}, {@code expected.txt}). */
        synchronized Map<String, Path> files() {
            return Map.copyOf(files);
        }
    }

    private static final Map<String, Collected> BY_UNIQUE_ID = new ConcurrentHashMap<>();

    private AllureEntries() {
    }

    static Collected of(String uniqueId) {
        return BY_UNIQUE_ID.computeIfAbsent(uniqueId, id -> new Collected());
    }

    /** Removes and returns what was collected for the test, or null. */
    static Collected take(String uniqueId) {
        return BY_UNIQUE_ID.remove(uniqueId);
    }

    static void forget(String uniqueId) {
        BY_UNIQUE_ID.remove(uniqueId);
    }
}
