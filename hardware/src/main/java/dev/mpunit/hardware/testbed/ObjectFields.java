package dev.mpunit.hardware.testbed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The fields of one JSON object of an inventory, read by type. A field of the wrong type is reported to the
 * problems and read as absent, so reading goes on and finds the other problems too.
 */
final class ObjectFields {

    private final JsonNode object;
    private final String where;
    private final String path;
    private final Problems problems;

    /**
     * @param where the tentacle, or "" at the top level
     * @param path  the object's own field path ("dut"), or "" for a tentacle or the top level
     */
    ObjectFields(JsonNode object, String where, String path, Problems problems) {
        this.object = object;
        this.where = where;
        this.path = path;
        this.problems = problems;
    }

    /** Reports every field that is not one of these, with the nearest accepted name when there is one. */
    void onlyKnown(List<String> accepted) {
        for (String name : object.propertyNames()) {
            if (!accepted.contains(name)) {
                problems.add(where, fieldPath(name), FieldNames.unknown(name, accepted));
            }
        }
    }

    boolean has(String name) {
        return object.has(name);
    }

    void problem(String name, String what) {
        problems.add(where, fieldPath(name), what);
    }

    /** The field's path from the tentacle; the object's own path for "". */
    String fieldPath(String name) {
        if (name.isEmpty()) {
            return path;
        }
        return path.isEmpty() ? name : path + "." + name;
    }

    /** A field that must be there: reports it missing, with what to write, when it is not. */
    Optional<String> requiredString(String name, String whatToWrite) {
        if (!object.has(name)) {
            problem(name, "missing; " + whatToWrite);
            return Optional.empty();
        }
        return string(name, whatToWrite);
    }

    /** A non-blank string when the field is there. */
    Optional<String> string(String name, String whatToWrite) {
        JsonNode node = object.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isString()) {
            problem(name, Found.of(node) + "; expected a string: " + whatToWrite);
            return Optional.empty();
        }
        if (node.stringValue().isBlank()) {
            problem(name, "is empty; " + whatToWrite);
            return Optional.empty();
        }
        return Optional.of(node.stringValue());
    }

    /** A string, or a whole number written without quotes, as text. */
    Optional<String> intOrString(String name, String whatToWrite) {
        JsonNode node = object.get(name);
        if (node != null && node.isIntegralNumber()) {
            return Optional.of(node.bigIntegerValue().toString());
        }
        return string(name, whatToWrite);
    }

    /** The strings of a list field (each may be empty), or empty when absent or not a list of strings. */
    Optional<List<String>> strings(String name, String whatToWrite) {
        JsonNode node = object.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isArray()) {
            problem(name, Found.of(node) + "; expected a list of strings: " + whatToWrite);
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean allStrings = true;
        for (int i = 0; i < node.size(); i++) {
            JsonNode element = node.get(i);
            if (element.isString()) {
                values.add(element.stringValue());
            } else {
                problem(name, "element " + i + ": " + Found.of(element) + "; expected a string: " + whatToWrite);
                allStrings = false;
            }
        }
        return allStrings ? Optional.of(values) : Optional.empty();
    }

    /** The fields of an object field, in the file's order. */
    Optional<ObjectFields> object(String name, String whatToWrite) {
        JsonNode node = object.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isObject()) {
            problem(name, Found.of(node) + "; expected an object: " + whatToWrite);
            return Optional.empty();
        }
        return Optional.of(new ObjectFields(node, where, fieldPath(name), problems));
    }

    /** A string-to-string object field, in the file's order. */
    Optional<Map<String, String>> stringMap(String name, String whatToWrite) {
        Optional<ObjectFields> fields = object(name, whatToWrite);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        boolean allStrings = true;
        for (Map.Entry<String, JsonNode> entry : fields.get().object.properties()) {
            if (entry.getValue().isString()) {
                values.put(entry.getKey(), entry.getValue().stringValue());
            } else {
                fields.get().problem(entry.getKey(), Found.of(entry.getValue())
                        + "; tag values are strings: write it in quotes");
                allStrings = false;
            }
        }
        return allStrings ? Optional.of(values) : Optional.empty();
    }

    Optional<Boolean> bool(String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            problem(name, Found.of(node) + "; expected true or false, without quotes");
            return Optional.empty();
        }
        return Optional.of(node.booleanValue());
    }

    /** A whole number greater than zero. */
    Optional<Integer> positiveInt(String name, String whatToWrite) {
        JsonNode node = object.get(name);
        if (node == null) {
            problem(name, "missing; " + whatToWrite);
            return Optional.empty();
        }
        if (!node.isInt() || node.intValue() <= 0) {
            String hint = node.isString() ? " (write the number without quotes)" : "";
            problem(name, Found.of(node) + "; expected a whole number greater than 0" + hint + ": " + whatToWrite);
            return Optional.empty();
        }
        return Optional.of(node.intValue());
    }

    /** A duration of zero or more, written as text with a unit or as plain seconds. */
    Optional<Duration> duration(String name) {
        JsonNode node = object.get(name);
        if (node == null) {
            return Optional.empty();
        }
        Optional<Duration> duration = Optional.empty();
        boolean negative = false;
        if (node.isNumber()) {
            negative = node.decimalValue().signum() < 0;
            duration = Durations.ofSeconds(node.decimalValue());
        } else if (node.isString()) {
            negative = Durations.looksNegative(node.stringValue());
            duration = Durations.parse(node.stringValue());
        }
        if (duration.isEmpty()) {
            String why = negative ? "a negative duration; expected zero or more: " : "expected ";
            problem(name, Found.of(node) + "; " + why + Durations.ACCEPTED);
        }
        return duration;
    }
}
