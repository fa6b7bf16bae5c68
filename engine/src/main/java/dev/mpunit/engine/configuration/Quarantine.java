package dev.mpunit.engine.configuration;

import static dev.mpunit.engine.ConfigurationKeys.QUARANTINE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code micropython.quarantine}: known failures, in the xfail file's shape
 * ({@code {"<group>": {"<test>": ["<variant>" or "*", …]}}}, the same file {@code micropython.results.xfail}
 * takes). Unlike the xfail file, which only changes the summary, a quarantined failure fails no run:
 * the engine reports it aborted. So the file is read at discovery, and one that cannot be read is a
 * configuration error: a run must not fail or pass because of a typo in it.
 *
 * @param source the file, for the reason each quarantined test gives
 */
public record Quarantine(Optional<Path> source, Map<String, Map<String, Set<String>>> byGroup) {

    /** Every variant of a listed test. */
    public static final String ALL_VARIANTS = "*";
    public static final Quarantine NONE = new Quarantine(Optional.empty(), Map.of());

    private static final String SHAPE = " (expected {\"<group>\": {\"<test>\": [\"<variant>\" or \"*\", …]}},"
            + " as micropython.results.xfail)";

    public Quarantine {
        Map<String, Map<String, Set<String>>> copy = new LinkedHashMap<>();
        byGroup.forEach((group, tests) -> {
            Map<String, Set<String>> byTest = new LinkedHashMap<>();
            tests.forEach((test, variants) -> byTest.put(test, Set.copyOf(variants)));
            copy.put(group, byTest);
        });
        byGroup = java.util.Collections.unmodifiableMap(copy);
    }

    /** @throws IllegalArgumentException naming the key, the file and what is wrong with it */
    static Quarantine load(Path file) {
        JsonNode json;
        try {
            json = JsonMapper.builder().build().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(QUARANTINE + "=" + file + " could not be read: " + e.getMessage(), e);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(QUARANTINE + "=" + file + " is not JSON: " + e.getOriginalMessage()
                    + SHAPE, e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException(QUARANTINE + "=" + file + " is not a JSON object" + SHAPE);
        }
        Map<String, Map<String, Set<String>>> byGroup = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> group : json.properties()) {
            if (!group.getValue().isObject()) {
                throw new IllegalArgumentException(QUARANTINE + "=" + file + ": group " + group.getKey()
                        + " is not an object" + SHAPE);
            }
            Map<String, Set<String>> byTest = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> test : group.getValue().properties()) {
                JsonNode variants = test.getValue();
                Set<String> names = new LinkedHashSet<>();
                if (variants.isArray()) {
                    variants.forEach(variant -> names.add(variant.isString() ? variant.asString() : null));
                }
                if (!variants.isArray() || names.contains(null)) {
                    throw new IllegalArgumentException(QUARANTINE + "=" + file + ": " + group.getKey() + " / "
                            + test.getKey() + " is not a list of variant names" + SHAPE);
                }
                byTest.put(test.getKey(), names);
            }
            byGroup.put(group.getKey(), byTest);
        }
        return new Quarantine(Optional.of(file), byGroup);
    }

    /**
     * Why a failure of this test on this variant fails no run ({@code listed in <file> for
     * RUN-TESTS_STANDARD basics/x.py on *}), or empty when the file does not list it.
     */
    public Optional<String> listing(String group, String test, String variant) {
        Set<String> variants = byGroup.getOrDefault(group, Map.of()).get(test);
        if (variants == null || !variants.contains(variant) && !variants.contains(ALL_VARIANTS)) {
            return Optional.empty();
        }
        return Optional.of("listed in " + source.map(Path::toString).orElse(QUARANTINE) + " for " + group + " "
                + test + " on " + (variants.contains(variant) ? variant : ALL_VARIANTS));
    }
}
