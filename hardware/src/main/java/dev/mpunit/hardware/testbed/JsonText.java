package dev.mpunit.hardware.testbed;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses inventory text into a JSON tree, strictly: a duplicated key would silently drop one of the two
 * values, and text after the closing brace is usually half of a bad merge.
 */
final class JsonText {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonText() {
    }

    static JsonNode parse(String json, String sourceName) throws InventoryException {
        if (json.isBlank()) {
            throw new InventoryException("testbed inventory " + sourceName + " is empty: an inventory is a JSON"
                    + " object such as {\"testbed\": \"my_lab\", \"tentacles\": [ … ]} (see docs/inventory.md)");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new InventoryException(sourceName + where(e.getLocation()) + ": " + explain(e), e);
        }
    }

    private static String explain(JacksonException e) {
        String message = firstLine(e.getOriginalMessage());
        if (message.startsWith("Duplicate")) {
            return "JSON syntax error: " + message + "; a key appears once per object (the second one would"
                    + " silently replace the first): remove or rename one";
        }
        if (message.startsWith("Trailing token")) {
            return "JSON syntax error: more text after the inventory's closing '}'; the file holds one JSON object:"
                    + " remove the rest, or move it into the object";
        }
        return "JSON syntax error: " + message + "; fix the JSON there (a trailing comma, a missing comma or a"
                + " missing quote are the usual causes)";
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return ":" + location.getLineNr() + ":" + location.getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable JSON";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
