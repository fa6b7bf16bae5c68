package dev.mpunit.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The times a read is narrowed by, as clients write them. */
public final class Times {

    private Times() {
    }

    /**
     * A time parameter: {@code 2026-12-01} (that day's start in UTC; with {@code endOfDay} the next
     * day's start, so {@code to=2026-12-01} includes that day) or an ISO date-time with a zone.
     */
    public static Instant parse(String parameter, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new QueryRefused(parameter + " is '" + value + "': give a day (2026-12-01) or a time with its zone "
                    + "(2026-12-01T02:00:00Z)");
        }
    }
}
