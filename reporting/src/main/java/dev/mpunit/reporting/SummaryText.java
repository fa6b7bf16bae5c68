package dev.mpunit.reporting;

import java.util.Locale;

/** The header's phrases, worded once for the markdown and the HTML. */
final class SummaryText {

    private SummaryText() {
    }

    static String testbed(SummaryReport.Header h) {
        if (h.testbed() == null) {
            return null;
        }
        return h.instance() == null || h.instance().equals(h.testbed()) ? h.testbed()
                : h.testbed() + " (" + h.instance() + ")";
    }

    static String duration(SummaryReport.Header h) {
        long seconds = h.durationMillis() / 1000;
        String text = seconds >= 3600 ? String.format(Locale.ROOT, "%d h %02d min %02d s", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60)
                : String.format(Locale.ROOT, "%.1f s", h.durationMillis() / 1000.0);
        return h.millisPerTest() == null ? text : text + ", " + h.millisPerTest() + " ms per test";
    }

    static String junit(JunitCounts.Totals t) {
        return t.tests() + " tests, " + t.passed() + " passed, " + t.failed() + " failed, " + t.skipped() + " skipped";
    }

    /** The summary's Flashed column: the variants flashed, or {@code no}. */
    static String flashed(TentacleStory t) {
        return t.flashed().isEmpty() ? "no" : String.join(", ", t.flashed());
    }

    /** A kernel message's place: its USB location, or the host controller when it has none. */
    static String location(UsbMessage m) {
        return m.location() == null ? "host controller" : m.location();
    }

    static String orDash(String value) {
        return value == null ? "–" : value;
    }
}
