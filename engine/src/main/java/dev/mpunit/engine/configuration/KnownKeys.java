package dev.mpunit.engine.configuration;

import static dev.mpunit.engine.ConfigurationKeys.PREFIX;

import dev.mpunit.engine.ConfigurationKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.hardware.NearestName;

/** The check that every {@code micropython.*} key given is one mpunit reads ({@link ConfigurationKeys#all()}). */
public final class KnownKeys {

    private KnownKeys() {
    }

    /**
     * Refuses the run when a {@code micropython.*} key is not one mpunit reads: a misspelt key would
     * otherwise leave its default in force without a word ({@code micropython.timout=5} runs with 30 s).
     *
     * @param targetKeys the keys the kinds of target found read of their own ({@link TargetProvider#keys()})
     * @throws IllegalArgumentException naming every unknown key and the known key nearest to each
     */
    public static void requireKnown(ConfigurationParameters parameters, List<String> targetKeys) {
        List<String> known = new ArrayList<>(ConfigurationKeys.all());
        known.addAll(targetKeys);
        Set<String> given = new TreeSet<>(parameters.keySet());
        // -Dmicropython.… reaches the engine too, but not every launcher lists system properties.
        given.addAll(System.getProperties().stringPropertyNames());
        List<String> unknown = new ArrayList<>();
        for (String key : given) {
            if (key.startsWith(PREFIX) && !known.contains(key)) {
                unknown.add(key + NearestName.among(key, known).map(near -> " (did you mean " + near + "?)")
                        .orElse(""));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown key " : "unknown keys ")
                    + String.join(", ", unknown) + ": mpunit reads no such key, so it would change nothing;"
                    + " the keys are listed in docs/configuration.md");
        }
    }
}
