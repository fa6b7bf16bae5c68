package dev.mpunit.server.ingest;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One push as the route received it, before anything is read from it.
 *
 * @param body the request body, or a multipart request's {@code file} part
 * @param contentType the request's media type as sent; null when none was
 * @param format {@code ?format=}: which parser must read it; empty recognises it
 * @param parameters the query parameters that give what a format does not say itself: {@code testbed},
 *        {@code trigger}, {@code ref_firmware}, {@code ref_tests}, {@code group}, {@code variant},
 *        {@code time_start}, {@code campaign}, a multipart request's {@code label}, and {@value #TOKEN_TESTBED}
 * @param zone the zone of the times the upload writes without one ({@code ?tz=} or {@code X-Mpunit-Timezone}; UTC
 *        when neither is given)
 */
public record Upload(byte[] body, String contentType, Optional<String> format, Map<String, String> parameters,
        ZoneId zone) {

    /**
     * The testbed whose push token carries the upload, set by the route after checking the token: the
     * run's testbed when the upload names none (a run outside a testbed, JUnit XML, a bare
     * {@code _results.json}). An upload that names its testbed keeps it (and the route refuses a token
     * of another).
     */
    public static final String TOKEN_TESTBED = "token_testbed";

    public Upload {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(format, "format");
        // A route may hand over a parameter it did not get as null: that is one not given.
        Map<String, String> given = new HashMap<>();
        parameters.forEach((name, value) -> {
            if (name != null && value != null) {
                given.put(name, value);
            }
        });
        parameters = Map.copyOf(given);
        Objects.requireNonNull(zone, "zone");
    }

    /** A parameter that was given and not blank. */
    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }
}
