package dev.mpunit.hardware.testbed;

import java.util.List;

import dev.mpunit.hardware.NearestName;

/**
 * Suggests the accepted field a misspelt one was meant to be. An unknown field is always an error: silently
 * ignoring {@code "fut"} would run a tentacle with the default FUTs and hide the typo for weeks.
 */
final class FieldNames {

    private FieldNames() {
    }

    static String unknown(String name, List<String> accepted) {
        String guess = NearestName.among(name, accepted).map(near -> " — did you mean '" + near + "'?").orElse("");
        return "unknown field '" + name + "'" + guess + " Accepted fields: " + String.join(", ", accepted);
    }
}
