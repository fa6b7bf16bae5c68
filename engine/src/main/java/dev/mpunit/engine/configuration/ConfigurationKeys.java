package dev.mpunit.engine.configuration;

import static dev.mpunit.engine.configuration.EngineConfiguration.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.hardware.NearestName;

/**
 * Every {@code micropython.*} configuration key mpunit reads, in one list: the engine's and those of
 * the reporting module's listeners (from the contract they share; the engine knows them so that a
 * misspelt one is caught before anything runs). A new key is one line here and one row of
 * {@code docs/configuration.md}; a test keeps the two equal.
 */
public final class ConfigurationKeys {

    static final List<String> KNOWN = Stream.concat(Stream.of(
            TARGET,
            FIRMWARE_DIR,
            FIRMWARE_BUILD,
            FIRMWARE_BUILD_TIMEOUT,
            ROOT,
            GROUPS,
            ONLY_GROUP,
            SKIP_GROUP,
            ONLY_FUT,
            SKIP_FUT,
            ONLY_VARIANT,
            SKIP_VARIANT,
            INCLUDE,
            EXCLUDE,
            FILTER,
            WORKERS,
            MAX_LOCAL_TENTACLES,
            TIMEOUT,
            EMIT,
            HEAPSIZE,
            CPYTHON,
            CPYTHON_TIMEOUT,
            CACHE,
            WEBASSEMBLY_VERSION,
            WEBASSEMBLY_MJS,
            NODE,
            NPM,
            UNIX_MICROPYTHON,
            UNIX_MICROPYPATH,
            QEMU,
            QEMU_MICROBIT_FIRMWARE,
            BOARD_PACING,
            BOARD_CALIBRATE,
            BOARD_REPL_TIMEOUT,
            SERIAL_BAUDRATE,
            INLINE_OUTPUT_LIMIT,
            PROGRESS),
            // Read by dev.mpunit:mpunit-reporting's listeners (micropython.testbed by the engine too).
            ReportingConfigurationKeys.ALL.stream()).toList();

    private ConfigurationKeys() {
    }

    /**
     * Refuses the run when a {@code micropython.*} key is not one mpunit reads: a misspelt key would
     * otherwise leave its default in force without a word ({@code micropython.timout=5} runs with 30 s).
     *
     * @param targetKeys the keys the kinds of target found read of their own ({@link TargetProvider#keys()})
     * @throws IllegalArgumentException naming every unknown key and the known key nearest to each
     */
    public static void requireKnown(ConfigurationParameters parameters, List<String> targetKeys) {
        List<String> known = new ArrayList<>(KNOWN);
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
