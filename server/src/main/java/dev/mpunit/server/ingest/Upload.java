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
 *        {@code time_start}, and a multipart request's {@code label}
 * @param zone the zone of the times the upload writes without one ({@code ?tz=} or {@code X-Mpunit-Timezone}; UTC
 *        when neither is given)
 */
public record Upload(byte[] body, String contentType, Optional<String> format, Map<String, String> parameters,
        ZoneId zone) {

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
