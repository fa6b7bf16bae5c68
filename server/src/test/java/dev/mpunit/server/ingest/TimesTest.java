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

    @Test
    void timesWithAnOffsetKeepIt() throws UploadRejected {
        assertThat(Times.parse("2026-07-01T02:00:00-04:00", ZURICH, "t"))
                .isEqualTo(OffsetDateTime.parse("2026-07-01T06:00:00Z"));
        assertThat(Times.parse("2026-07-01T02:00:00Z", ZURICH, "t")).isEqualTo(OffsetDateTime.parse("2026-07-01T02:00:00Z"));
        assertThat(Times.parse(null, ZURICH, "t")).isNull();
    }
}
