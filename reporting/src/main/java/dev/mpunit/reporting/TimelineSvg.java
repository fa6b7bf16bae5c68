package dev.mpunit.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mpunit.contract.Verdicts;

/**
 * {@code timeline.svg}: a lane per tentacle, a bar per test file from the listener's
 * executionStarted to its executionFinished, coloured by verdict, a tooltip naming file, verdict
 * and duration. Bars are the only {@code rect}s, so a reader can count them. A two-board test is
 * drawn on its reference tentacle's lane too, hatched ({@code class="bar lent"}): the time that
 * tentacle was lent to it, so the lanes show who was paired with whom while the others ran alone.
 */
final class TimelineSvg {

    static final String NS = "http://www.w3.org/2000/svg";
    private static final int LABEL = 180;
    private static final int PLOT = 1000;
    private static final int LANE = 22;
    private static final int BAR = 16;
    private static final int AXIS = 20;

    private TimelineSvg() {
    }

    static String render(List<FileOutcome> outcomes, KnownFailures known) {
        Map<String, List<FileOutcome>> lanes = new LinkedHashMap<>();
        Instant first = null;
        Instant last = null;
        for (FileOutcome o : outcomes) {
            if (o.tentacle() == null || o.end() == null) {
                continue; // skipped before it ran: on no tentacle, at no time
            }
            lanes.computeIfAbsent(o.tentacle(), t -> new ArrayList<>()).add(o);
            if (o.reference() != null) {
                lanes.computeIfAbsent(o.reference(), t -> new ArrayList<>()).add(o);
            }
            Instant start = start(o);
            first = first == null || start.isBefore(first) ? start : first;
            last = last == null || o.end().isAfter(last) ? o.end() : last;
        }
        long span = first == null ? 1 : Math.max(1, Duration.between(first, last).toMillis());
        int height = AXIS + LANE * Math.max(1, lanes.size());
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"").append(NS).append("\" width=\"").append(LABEL + PLOT + 10).append("\" height=\"")
                .append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<text x=\"").append(LABEL).append("\" y=\"14\">0 s</text>\n");
        svg.append("<text x=\"").append(LABEL + PLOT).append("\" y=\"14\" text-anchor=\"end\">")
                .append(seconds(span)).append("</text>\n");
        int lane = 0;
        for (Map.Entry<String, List<FileOutcome>> entry : lanes.entrySet()) {
            int y = AXIS + lane * LANE;
            svg.append("<g class=\"lane\">\n<text x=\"4\" y=\"").append(y + BAR - 3).append("\">")
                    .append(Xml.escape(entry.getKey())).append("</text>\n");
            for (FileOutcome o : entry.getValue()) {
                long from = Duration.between(first, start(o)).toMillis();
                long millis = Duration.between(start(o), o.end()).toMillis();
                String verdict = SummaryReport.effective(o, known);
                double x = LABEL + PLOT * (double) from / span;
                double width = Math.max(1.0, PLOT * (double) millis / span);
                boolean lent = !entry.getKey().equals(o.tentacle());
                svg.append(String.format(Locale.ROOT,
                        "<rect class=\"bar %s\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"%s>",
                        lent ? "lent" : verdict, x, y, width, BAR, colour(verdict),
                        lent ? " fill-opacity=\"0.4\" stroke=\"" + colour(verdict) + "\"" : ""));
                String with = o.reference() == null ? ""
                        : lent ? " (lent to " + o.tentacle() + ")" : " (with the reference " + o.reference() + ")";
                svg.append("<title>").append(Xml.escape(o.group() + " " + o.name() + with + ": "
                        + SummaryReport.word(verdict) + ", " + millis + " ms")).append("</title></rect>\n");
            }
            svg.append("</g>\n");
            lane++;
        }
        return svg.append("</svg>\n").toString();
    }

    /** A result replayed without its start (no executionStarted seen) is drawn as a sliver at its end. */
    private static Instant start(FileOutcome o) {
        return o.start() == null ? o.end() : o.start();
    }

    private static String colour(String verdict) {
        return switch (verdict) {
            case Verdicts.PASS -> "#2e9e44";
            case Verdicts.FAIL -> "#d62728";
            case Verdicts.XFAIL, Verdicts.IGNORED, Verdicts.FLAKY, SummaryReport.QUARANTINED -> "#f0a30a";
            default -> "#9e9e9e";
        };
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
