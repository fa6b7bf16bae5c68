package dev.mpunit.hardware.testbed;

import tools.jackson.databind.JsonNode;

/** Says in a message what an inventory field holds: the value as written and what kind of value it is. */
final class Found {

    private static final int LONGEST_SHOWN = 60;

    private Found() {
    }

    static String of(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "found nothing";
        }
        if (node.isNull()) {
            return "found null (leave the field out to get its default)";
        }
        return "found " + shorten(node.toString()) + " (" + kind(node) + ")";
    }

    static String kind(JsonNode node) {
        if (node.isString()) {
            return "a string";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    static String shorten(String text) {
        return text.length() <= LONGEST_SHOWN ? text : text.substring(0, LONGEST_SHOWN - 1) + "…";
    }
}
