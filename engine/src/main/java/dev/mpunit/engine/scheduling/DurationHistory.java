package dev.mpunit.engine.scheduling;

import dev.mpunit.engine.descriptor.TestFileDescriptor;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each test took in earlier runs, keyed by unique id, so the bartender can start the
 * longest work first. Kept in the cache directory; a missing or damaged file only means no history.
 */
public final class DurationHistory {

    private final Path file;
    private final Map<String, Long> previous = new ConcurrentHashMap<>();
    private final Map<String, Long> measured = new ConcurrentHashMap<>();
    private final long typicalMillis;

    private DurationHistory(Path file) {
        this.file = file;
        if (file != null && Files.isReadable(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
                properties.forEach((key, value) -> parse(value.toString())
                        .ifPresent(millis -> previous.put(key.toString(), millis)));
            } catch (IOException | IllegalArgumentException e) {
                previous.clear();
            }
        }
        this.typicalMillis = previous.isEmpty() ? 0
                : previous.values().stream().sorted().skip(previous.size() / 2).findFirst().orElse(0L);
    }

    public static DurationHistory load(Path cacheDirectory) {
        return new DurationHistory(cacheDirectory.resolve("durations.properties"));
    }

    static DurationHistory none() {
        return new DurationHistory(null);
    }

    private static java.util.Optional<Long> parse(String value) {
        try {
            return java.util.Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The last measured duration, else the median of all known ones: unknown work is typical work. */
    long expectedMillis(TestFileDescriptor file) {
        return previous.getOrDefault(file.getUniqueId().toString(), typicalMillis);
    }

    public void record(TestFileDescriptor file, long millis) {
        measured.put(file.getUniqueId().toString(), millis);
    }

    /** Merges this run's durations into the file; written atomically so parallel runs never see half a file. */
    public void save() {
        if (file == null || measured.isEmpty()) {
            return;
        }
        Properties properties = new Properties();
        previous.forEach((key, value) -> properties.setProperty(key, Long.toString(value)));
        measured.forEach((key, value) -> properties.setProperty(key, Long.toString(value)));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "durations", ".tmp");
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
                properties.store(writer, "mpunit: test durations in ms from earlier runs, for the bartender");
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // History only orders work; losing it costs speed, never results.
        }
    }
}
