package dev.mpunit.server.ingest;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON file of an upload, read with messages that name the file and the field: what a testbed's
 * maintainer needs to find what is wrong.
 *
 * @param path the file's path in the upload ({@code RUN-TESTS_STANDARD@unix/context_test.json})
 * @param root its top-level value
 */
record JsonFile(String path, JsonNode root) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static JsonFile parse(String path, byte[] bytes) throws UploadRejected {
        try {
            return new JsonFile(path, MAPPER.readTree(bytes));
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at == TokenStreamLocation.NA ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new UploadRejected(400, path + ": malformed JSON" + where + ": " + firstLine(e.getOriginalMessage()), e);
        }
    }

    /** The root, which must be an object. */
    JsonNode object() throws UploadRejected {
        if (root == null || !root.isObject()) {
            throw new UploadRejected(400, path + ": not a JSON object" + (root == null ? "" : " but " + kind(root)));
        }
        return root;
    }

    /** A string field of an object of this file; null when absent or null. */
    String text(JsonNode object, String field) throws UploadRejected {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw wrongType(field, value, "a string");
        }
        return value.asString();
    }

    /** A string field that must be there. */
    String requiredText(JsonNode object, String field) throws UploadRejected {
        String value = text(object, field);
        if (value == null || value.isBlank()) {
            throw new UploadRejected(400, path + ": " + field + " is missing");
        }
        return value;
    }

    Boolean bool(JsonNode object, String field) throws UploadRejected {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw wrongType(field, value, "true or false");
        }
        return value.asBoolean();
    }

    Long integer(JsonNode object, String field) throws UploadRejected {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber()) {
            throw wrongType(field, value, "an integer");
        }
        return value.asLong();
    }

    /** An array field; empty when absent or null. */
    List<JsonNode> array(JsonNode object, String field) throws UploadRejected {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw wrongType(field, value, "an array");
        }
        List<JsonNode> elements = new ArrayList<>(value.size());
        value.forEach(elements::add);
        return elements;
    }

    /** An array of objects; empty when absent or null. */
    List<JsonNode> objects(JsonNode object, String field) throws UploadRejected {
        return objects(object, field, field);
    }

    /** An array of objects, named {@code name} when one is not (a field inside another: {@code usb_health.messages}). */
    List<JsonNode> objects(JsonNode object, String field, String name) throws UploadRejected {
        List<JsonNode> elements = array(object, field);
        for (JsonNode element : elements) {
            if (!element.isObject()) {
                throw wrongType(name, element, "an array of objects");
            }
        }
        return elements;
    }

    /** An array of strings; empty when absent or null. */
    List<String> texts(JsonNode object, String field) throws UploadRejected {
        List<String> texts = new ArrayList<>();
        for (JsonNode element : array(object, field)) {
            if (!element.isString()) {
                throw wrongType(field, element, "an array of strings");
            }
            texts.add(element.asString());
        }
        return texts;
    }

    UploadRejected wrongType(String field, JsonNode value, String expected) {
        return new UploadRejected(400, path + ": " + field + " is " + kind(value) + ", expected " + expected);
    }

    private static String kind(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isString()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    /** Jackson's message without where it points into its own source (the message says line and column). */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.replaceAll("\\s*\\((?:for \\w+ starting|start marker) at \\[Source:.*$", "");
    }
}
