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
            throw new InventoryException(sourceName + where(e.getLocation()) + ": JSON syntax error: "
                    + firstLine(e.getOriginalMessage()) + "; fix the JSON there (a trailing comma, a missing comma"
                    + " or quote, or a key written twice are the usual causes)", e);
        }
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
