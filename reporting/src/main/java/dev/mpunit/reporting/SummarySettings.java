package dev.mpunit.reporting;

import static dev.mpunit.contract.ReportingConfigurationKeys.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.contract.CampaignId;

/**
 * What the summary's header says about the run that the events cannot tell: why it ran, on which
 * testbed, against which firmware and tests, and which failures are known; the campaign it is part of.
 * All optional.
 */
record SummarySettings(String trigger, String testbed, String instance, String refFirmware, String refTests,
        String xfailFile, String campaign) {

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
        return new SummarySettings(value(config, RESULTS_TRIGGER).orElse(null), testbed, instance,
                value(config, RESULTS_REF_FIRMWARE).orElse(null), value(config, RESULTS_REF_TESTS).orElse(null),
                value(config, RESULTS_XFAIL).orElse(null),
                // The engine refuses a bad id before the run; one that reaches here anyway is left out, not written.
                value(config, RESULTS_CAMPAIGN).filter(CampaignId::valid).orElse(null));
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
