package dev.mpunit.reporting;

import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.UniqueId;

/**
 * Where a node of the {@code micropython} engine sits, read from its unique id
 * ({@code [engine:micropython]/[group:…]/[variant:…]/[file:basics/list1.py]/[case:…]}, DESIGN.md
 * "The descriptor tree"), also when the engine runs inside a suite. Known for every test, also
 * those skipped before they ran, which carry no report entries.
 *
 * @param group the test group ({@code RUN-TESTS_STANDARD})
 * @param variant the variant ({@code webassembly}), or null above the variant level
 * @param file the test file relative to the test root ({@code basics/list1.py}), or null
 * @param testCase the unittest case ({@code Test.test_rate}), or null
 */
record MicroPythonTestPath(String group, String variant, String file, String testCase) {

    private static final String ENGINE = "engine";
    private static final String ENGINE_ID = "micropython";

    static boolean isMicroPython(String uniqueId) {
        return uniqueId.contains("[" + ENGINE + ":" + ENGINE_ID + "]");
    }

    static Optional<MicroPythonTestPath> parse(String uniqueId) {
        if (uniqueId == null || !isMicroPython(uniqueId)) {
            return Optional.empty();
        }
        List<UniqueId.Segment> segments;
        try {
            segments = UniqueId.parse(uniqueId).getSegments();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        int start = -1;
        for (int i = segments.size() - 1; i >= 0; i--) {
            if (ENGINE.equals(segments.get(i).getType())) {
                start = ENGINE_ID.equals(segments.get(i).getValue()) ? i : -1;
                break;
            }
        }
        if (start < 0) {
            return Optional.empty();
        }
        String group = null;
        String variant = null;
        String file = null;
        String testCase = null;
        for (UniqueId.Segment segment : segments.subList(start + 1, segments.size())) {
            switch (segment.getType()) {
                case "group" -> group = segment.getValue();
                case "variant" -> variant = segment.getValue();
                case "file" -> file = segment.getValue();
                case "case" -> testCase = segment.getValue();
                default -> {
                    // A level this version does not know: ignore it rather than guess.
                }
            }
        }
        return group == null ? Optional.empty() : Optional.of(new MicroPythonTestPath(group, variant, file, testCase));
    }

    /** The file's directory ({@code basics}, {@code extmod/vfs}), or null for a file at the root. */
    String directory() {
        if (file == null) {
            return null;
        }
        int slash = file.lastIndexOf('/');
        return slash > 0 ? file.substring(0, slash) : null;
    }

    /** {@code RUN-TESTS_STANDARD/webassembly/basics/list1.py}, with {@code #case} for a unittest case. */
    String fullName() {
        StringBuilder name = new StringBuilder(group);
        if (variant != null) {
            name.append('/').append(variant);
        }
        if (file != null) {
            name.append('/').append(file);
        }
        if (testCase != null) {
            name.append('#').append(testCase);
        }
        return name.toString();
    }
}
