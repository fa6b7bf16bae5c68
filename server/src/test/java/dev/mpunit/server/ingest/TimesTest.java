package dev.mpunit.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class TimesTest {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");

    @Test
    void timesWithoutZoneAreReadInTheUploadsZoneAndStoredInUtc() throws UploadRejected {
        assertThat(Times.parse("2026-07-01 02:00:00", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T00:00:00Z"));
        assertThat(Times.parse("2026-07-01T02:00:00", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T00:00:00Z"));
        assertThat(Times.parse("2026-07-01 02:00:00.250000", ZURICH, "t"))
                .isEqualTo(OffsetDateTime.parse("2026-07-01T00:00:00.25Z"));
    }

    @Test
    void octoprobesTimesSayTheirZoneByAnAbbreviationOrNot() throws UploadRejected {
        assertThat(Times.parse("2026-07-01_02-00-00-CEST", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T00:00:00Z"));
        assertThat(Times.parse("2026-07-01_02-00-00-", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T00:00:00Z"));
        assertThat(Times.parse("2026-07-01_02-00-00-UTC", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T02:00:00Z"));
        assertThat(Times.parse("2026-07-01_02-00-00-EST", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T07:00:00Z"));
        // An abbreviation Java does not know: the upload's zone.
        assertThat(Times.parse("2026-07-01_02-00-00-XYZT", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T00:00:00Z"));
    }

    /** Octoprobe's {@code %z} since May 2026: the offset is the time's own, whatever the upload's zone. */
    @Test
    void octoprobesTimesOfTodaySayTheirOffset() throws UploadRejected {
        assertThat(Times.parse("2026-08-12_17-35-04+0200", ZoneId.of("UTC"), "t"))
                .isEqualTo(OffsetDateTime.parse("2026-08-12T15:35:04Z"));
        assertThat(Times.parse("2026-01-02_04-04-05+0100", ZURICH, "t"))
                .isEqualTo(OffsetDateTime.parse("2026-01-02T03:04:05Z"));
        assertThat(Times.parse("2026-07-01_02-00-00-0500", ZURICH, "t")).as("a negative offset, not an abbreviation")
                .isEqualTo(OffsetDateTime.parse("2026-07-01T07:00:00Z"));
    }

    @Test
    void timesWithAnOffsetKeepIt() throws UploadRejected {
        assertThat(Times.parse("2026-07-01T02:00:00-04:00", ZURICH, "t"))
                .isEqualTo(OffsetDateTime.parse("2026-07-01T06:00:00Z"));
        assertThat(Times.parse("2026-07-01T02:00:00Z", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T02:00:00Z"));
        assertThat(Times.parse(null, ZURICH, "t")).isNull();
    }
}
