package dev.mpunit.server.ingest;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times uploads write: mpunit's and older Octoprobe's {@code yyyy-MM-dd HH:mm:ss} in the testbed's
 * zone with no offset (the upload says which zone), Octoprobe's {@code yyyy-MM-dd_HH-mm-ss-<zone>}, JUnit's
 * {@code yyyy-MM-ddTHH:mm:ss}, and ISO-8601 with an offset. All are stored in UTC.
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

    /**
     * Octoprobe's {@code time.strftime("%Y-%m-%d_%H-%M-%S%z")} since May 2026: {@code 2026-08-12_17-35-04+0200},
     * a numeric offset; before it {@code "%Y-%m-%d_%H-%M-%S-%Z"}: {@code 2025-04-18_23-22-12-CEST}, the zone an
     * abbreviation or nothing.
     */
    private static final Pattern OCTOPROBE = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})_(\\d{2})-(\\d{2})-(\\d{2})(?:([+-]\\d{4})|-(.*))?");
    private static final DateTimeFormatter ABBREVIATION = DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH);

    private Times() {
    }

    /**
     * The zone a time's abbreviation names: the upload's when it is the upload zone's abbreviation then
     * ({@code CEST} in Europe/Zurich in summer) or none, else one Java knows by that name ({@code UTC},
     * {@code CET}, {@code EST}); abbreviations are ambiguous, so the upload's zone is the fallback.
     */
    private static ZoneId zone(String abbreviation, LocalDateTime local, ZoneId uploadZone) {
        if (abbreviation == null || abbreviation.isBlank()
                || abbreviation.equals(ABBREVIATION.format(local.atZone(uploadZone)))) {
            return uploadZone;
        }
        try {
            return ZoneId.of(abbreviation, ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return uploadZone;
        }
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
        Matcher octoprobe = OCTOPROBE.matcher(time);
        if (octoprobe.matches()) {
            LocalDateTime local = LocalDateTime.parse(octoprobe.group(1) + "T" + octoprobe.group(2) + ":"
                    + octoprobe.group(3) + ":" + octoprobe.group(4));
            if (octoprobe.group(5) != null) {
                return local.atOffset(ZoneOffset.of(octoprobe.group(5))).withOffsetSameInstant(ZoneOffset.UTC);
            }
            return local.atZone(zone(octoprobe.group(6), local, zone)).toOffsetDateTime()
                    .withOffsetSameInstant(ZoneOffset.UTC);
        }
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
