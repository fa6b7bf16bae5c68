package dev.mpunit.contract;

import java.util.List;
import java.util.Optional;

import org.junit.platform.commons.JUnitException;
import org.junit.platform.engine.UniqueId;

/**
 * Where a node of the {@code micropython} engine's tree sits, read from or written as its unique id
 * ({@link IdSegments}): a test group, a variant of it, a test file, a unittest case of the file. Each
 * level below the group needs the one above it. Inside a {@code @Suite} the engine's id has the
 * suite's segments before it; they are not part of this record.
 *
 * @param group the test group ({@code RUN-TESTS_STANDARD}), never null
 * @param variant the variant ({@code webassembly}), or null for the group itself
 * @param file the test file relative to the tests root ({@code basics/list1.py}), or null above the file level
 * @param testCase the unittest case ({@code Test.test_rate}), or null above the case level
 */
public record MicroPythonTestId(String group, String variant, String file, String testCase) {

    private static final String SHAPE = "[" + IdSegments.ENGINE + ":" + IdSegments.ENGINE_ID + "]/[" + IdSegments.GROUP
            + ":…]/[" + IdSegments.VARIANT + ":…]/[" + IdSegments.FILE + ":…]/[" + IdSegments.CASE + ":…]";
    private static final List<String> LEVELS = List.of(IdSegments.GROUP, IdSegments.VARIANT, IdSegments.FILE,
            IdSegments.CASE);

    /** @throws IllegalArgumentException when a level is blank or given without the one above it */
    public MicroPythonTestId {
        requireValue(IdSegments.GROUP, group);
        if (variant != null) {
            requireValue(IdSegments.VARIANT, variant);
        }
        if (file != null) {
            requireValue(IdSegments.FILE, file);
            if (variant == null) {
                throw new IllegalArgumentException("a file (" + file + ") needs the variant it runs on");
            }
        }
        if (testCase != null) {
            requireValue(IdSegments.CASE, testCase);
            if (file == null) {
                throw new IllegalArgumentException("a unittest case (" + testCase + ") needs the file it belongs to");
            }
        }
    }

    /** A test file of a variant of a group. */
    public static MicroPythonTestId ofFile(String group, String variant, String file) {
        return new MicroPythonTestId(group, variant, file, null);
    }

    /**
     * The node of the micropython engine that an id names, read from the segments after the id's last
     * engine segment.
     *
     * @return empty when the id is no node below a {@code micropython} engine (another engine's node,
     *         the engine itself, null)
     * @throws IllegalArgumentException when the id is below a {@code micropython} engine but not of the
     *         shape its tree has, saying what is wrong
     */
    public static Optional<MicroPythonTestId> find(UniqueId id) {
        if (id == null) {
            return Optional.empty();
        }
        List<UniqueId.Segment> segments = id.getSegments();
        int engine = segments.size() - 1;
        while (engine >= 0 && !IdSegments.ENGINE.equals(segments.get(engine).getType())) {
            engine--;
        }
        if (engine < 0 || !IdSegments.ENGINE_ID.equals(segments.get(engine).getValue()) || engine == segments.size() - 1) {
            return Optional.empty();
        }
        return Optional.of(below(id, segments.subList(engine + 1, segments.size())));
    }

    /**
     * As {@link #find(UniqueId)}, from an id's text form ({@code TestIdentifier.getUniqueId()}).
     *
     * @throws IllegalArgumentException also when the text is not a unique id at all and names the micropython engine
     */
    public static Optional<MicroPythonTestId> find(String uniqueId) {
        // Most ids a listener sees are other engines': not worth parsing.
        if (uniqueId == null || !uniqueId.contains("[" + IdSegments.ENGINE + ":" + IdSegments.ENGINE_ID + "]")) {
            return Optional.empty();
        }
        return find(uniqueId(uniqueId));
    }

    /**
     * The node an id of the micropython engine names.
     *
     * @throws IllegalArgumentException when it is not one, saying why and what the shape is
     */
    public static MicroPythonTestId parse(String uniqueId) {
        return find(uniqueId(uniqueId)).orElseThrow(() -> new IllegalArgumentException(
                uniqueId + " is not the id of a test group, variant, file or case of the micropython engine: it has the"
                        + " shape " + SHAPE + ", each level optional from the right"));
    }

    /** This node's id below the given engine id ({@code [engine:micropython]}, or longer inside a suite). */
    public UniqueId in(UniqueId engine) {
        UniqueId id = engine.append(IdSegments.GROUP, group);
        if (variant != null) {
            id = id.append(IdSegments.VARIANT, variant);
        }
        if (file != null) {
            id = id.append(IdSegments.FILE, file);
        }
        if (testCase != null) {
            id = id.append(IdSegments.CASE, testCase);
        }
        return id;
    }

    /** The id's text form when the engine runs on its own: {@code [engine:micropython]/[group:…]/…}. */
    public String format() {
        return in(UniqueId.forEngine(IdSegments.ENGINE_ID)).toString();
    }

    /** The file's directory ({@code basics}, {@code extmod/vfs}), or null for a file at the root or no file. */
    public String directory() {
        if (file == null) {
            return null;
        }
        int slash = file.lastIndexOf('/');
        return slash > 0 ? file.substring(0, slash) : null;
    }

    /** {@code RUN-TESTS_STANDARD/webassembly/basics/list1.py}, with {@code #case} for a unittest case. */
    public String fullName() {
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

    private static MicroPythonTestId below(UniqueId id, List<UniqueId.Segment> segments) {
        if (segments.size() > LEVELS.size()) {
            throw malformed(id, "it has " + segments.size() + " levels below the engine, at most " + LEVELS.size());
        }
        String[] values = new String[LEVELS.size()];
        for (int i = 0; i < segments.size(); i++) {
            UniqueId.Segment segment = segments.get(i);
            if (!LEVELS.get(i).equals(segment.getType())) {
                // As the id's text shows it, encoded: that is what the user wrote.
                throw malformed(id, UniqueId.root(segment.getType(), segment.getValue()) + " stands where a ["
                        + LEVELS.get(i) + ":…] segment belongs");
            }
            values[i] = segment.getValue();
        }
        try {
            return new MicroPythonTestId(values[0], values[1], values[2], values[3]);
        } catch (IllegalArgumentException e) {
            throw malformed(id, e.getMessage());
        }
    }

    private static UniqueId uniqueId(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no unique id given: give one of the shape " + SHAPE);
        }
        try {
            return UniqueId.parse(text);
        } catch (JUnitException e) {
            throw new IllegalArgumentException(text + " is not a unique id (" + e.getMessage() + "): give one of the shape "
                    + SHAPE + ", with / inside a value written %2F", e);
        }
    }

    private static IllegalArgumentException malformed(UniqueId id, String why) {
        return new IllegalArgumentException(id + " is not an id of the micropython engine's tree: " + why
                + "; its ids have the shape " + SHAPE + ", each level optional from the right");
    }

    private static void requireValue(String level, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the " + level + " of a micropython test id is missing or blank");
        }
    }
}
