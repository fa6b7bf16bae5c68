package dev.mpunit.server.ingest;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * The times uploads write: mpunit's and Octoprobe's {@code yyyy-MM-dd HH:mm:ss} in the testbed's zone
 * with no offset (the upload says which zone), JUnit's {@code yyyy-MM-ddTHH:mm:ss}, and ISO-8601 with an
 * offset. All are stored in UTC.
 */
final class Times {

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter();

    private Times() {
    }

    /**
     * The time in UTC, null for null.
     *
     * @param where what to name in the message ({@code context.json: time_start})
     */
    static OffsetDateTime parse(String text, ZoneId zone, String where) throws UploadRejected {
        if (text == null || text.isBlank()) {
            return null;
        }
        String time = text.strip();
        try {
            return OffsetDateTime.parse(time).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(time, LOCAL).atZone(zone).toOffsetDateTime()
                        .withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw new UploadRejected(400, where + " is '" + text + "', not a time: write yyyy-MM-dd HH:mm:ss"
                        + " (in the zone ?tz= names) or ISO-8601 with an offset");
            }
        }
    }
}
