package dev.mpunit.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An xfail file, Octoprobe's shape {@code {group: {test name: [variant, …]}}} with {@code "*"}
 * standing for every variant: failures the summary counts as expected. It changes the summary
 * only; the JUnit result stays what the engine decided.
 */
record KnownFailures(Map<String, Map<String, Set<String>>> byGroup) {

    static final String ALL_VARIANTS = "*";
    static final KnownFailures NONE = new KnownFailures(Map.of());

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    static KnownFailures load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("xfail file " + file + " could not be read: " + e, e);
        }
        Object json;
        try {
            json = JsonReader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("xfail file " + file + " is not JSON: " + e.getMessage(), e);
        }
        return fromJson(json, file.toString());
    }

    static KnownFailures fromJson(Object json, String source) {
        String shape = " (expected {\"<group>\": {\"<test name>\": [\"<variant>\" or \"*\", …]}})";
        if (!(json instanceof Map<?, ?> groups)) {
            throw new IllegalArgumentException("xfail file " + source + " is not a JSON object" + shape);
        }
        Map<String, Map<String, Set<String>>> byGroup = new LinkedHashMap<>();
        for (Map.Entry<?, ?> group : groups.entrySet()) {
            if (!(group.getValue() instanceof Map<?, ?> tests)) {
                throw new IllegalArgumentException("xfail file " + source + ": group " + group.getKey()
                        + " is not an object" + shape);
            }
            Map<String, Set<String>> byTest = new LinkedHashMap<>();
            for (Map.Entry<?, ?> test : tests.entrySet()) {
                if (!(test.getValue() instanceof List<?> variants)
                        || !variants.stream().allMatch(v -> v instanceof String)) {
                    throw new IllegalArgumentException("xfail file " + source + ": " + group.getKey() + " / "
                            + test.getKey() + " is not a list of variant names" + shape);
                }
                Set<String> names = new LinkedHashSet<>();
                variants.forEach(v -> names.add((String) v));
                byTest.put((String) test.getKey(), names);
            }
            byGroup.put((String) group.getKey(), byTest);
        }
        return new KnownFailures(byGroup);
    }

    boolean lists(String group, String test, String variant) {
        Set<String> variants = byGroup.getOrDefault(group, Map.of()).get(test);
        return variants != null && (variants.contains(variant) || variants.contains(ALL_VARIANTS));
    }

    /** The same shape as a JSON value, for {@code xfail_template.json}. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        byGroup.forEach((group, tests) -> {
            Map<String, Object> byTest = new LinkedHashMap<>();
            tests.forEach((test, variants) -> byTest.put(test, new ArrayList<>(variants)));
            json.put(group, byTest);
        });
        return json;
    }
}
