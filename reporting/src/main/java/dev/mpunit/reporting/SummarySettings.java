package dev.mpunit.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

/**
 * What the summary's header says about the run that the events cannot tell: why it ran, on which
 * testbed, against which firmware and tests, and which failures are known. All optional.
 */
record SummarySettings(String trigger, String testbed, String instance, String refFirmware, String refTests,
        String xfailFile) {

    static final String TRIGGER = "micropython.results.trigger";
    static final String REF_FIRMWARE = "micropython.results.ref-firmware";
    static final String REF_TESTS = "micropython.results.ref-tests";
    static final String XFAIL = "micropython.results.xfail";
    /** The engine's inventory parameter: its {@code testbed} and {@code instance} name the testbed. */
    static final String TESTBED = "micropython.testbed";

    static SummarySettings from(ConfigurationParameters config) {
        String testbed = null;
        String instance = null;
        Optional<String> inventory = value(config, TESTBED);
        if (inventory.isPresent()) {
            Map<String, Object> names = inventoryNames(Path.of(inventory.get()));
            testbed = text(names.get("testbed"));
            instance = text(names.get("instance"));
            // The inventory's own default: an instance is its testbed unless it says otherwise.
            instance = instance == null ? testbed : instance;
        }
        return new SummarySettings(value(config, TRIGGER).orElse(null), testbed, instance,
                value(config, REF_FIRMWARE).orElse(null), value(config, REF_TESTS).orElse(null),
                value(config, XFAIL).orElse(null));
    }

    /** A broken inventory is the engine's to report (it fails discovery); the header then names no testbed. */
    private static Map<String, Object> inventoryNames(Path file) {
        try {
            return JsonReader.object(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    private static Optional<String> value(ConfigurationParameters config, String key) {
        return config.get(key).map(String::trim).filter(s -> !s.isEmpty());
    }
}
