package dev.mpunit.reporting;

import java.util.Optional;

import dev.mpunit.contract.SourceLinks;

/**
 * {@code summary_report.html}: the markdown's content with every failure row and the timeline,
 * as XHTML (parseable as XML) with its CSS inline and no script, so it opens from a CI artifact
 * or an unpacked tarball without a network.
 */
final class SummaryHtml {

    private static final String CSS = """
            body{font-family:sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;margin:.8em 0}
            th,td{border:1px solid #ccc;padding:.2em .6em;text-align:left}
            td.n{text-align:right}
            .unfinished,.error{background:#fff3cd;border:1px solid #e0c060;padding:.5em}
            a.FAIL{color:#d62728;font-weight:bold} a.XFAIL,a.ignored{color:#b07000} a.pass{color:#2e7d32} a.skip{color:#777}
            tr.all td:first-child{font-weight:bold} tr.flaky td:first-child{font-style:italic}
            tr.failed td,tr.critical td{color:#d62728} tr.warning td{color:#b07000}
            """;

    private SummaryHtml() {
    }

    static String render(SummaryReport report, String timelineSvg) {
        SummaryReport.Header h = report.header();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n"
                + "<meta charset=\"UTF-8\"/>\n<title>MicroPython test summary</title>\n<style>\n" + CSS
                + "</style>\n</head>\n<body>\n<h1>MicroPython test summary</h1>\n");
        if (h.unfinished()) {
            html.append("<p class=\"unfinished\">Unfinished: the run is still going or was interrupted; "
                    + "the counts are partial.</p>\n");
        }
        if (h.error() != null) {
            html.append("<p class=\"error\">Error: ").append(Xml.escape(h.error())).append("</p>\n");
        }
        html.append("<table class=\"header\">\n");
        row(html, "Trigger", h.trigger());
        row(html, "Testbed", SummaryText.testbed(h));
        row(html, "Time", h.start() + " – " + (h.end() == null ? "…" : h.end()));
        row(html, "Duration", SummaryText.duration(h));
        row(html, "Firmware", h.refFirmware(), SourceLinks.commit(h.refFirmware()));
        row(html, "Tests", h.refTests(), SourceLinks.commit(h.refTests()));
        row(html, "JUnit", SummaryText.junit(h.junit()));
        row(html, "USB health", h.usbHealth());
        html.append("</table>\n<table class=\"groups\">\n<tr><th>Group</th><th>Runs</th><th>Passed</th><th>Ignored</th>"
                + "<th>Skipped</th><th>Xfailed</th><th>Failed</th><th>Flaky</th><th>Quarantined</th></tr>\n");
        for (SummaryReport.Group g : report.groups()) {
            html.append("<tr><td>").append(Xml.escape(g.name())).append("</td>");
            for (int n : new int[] {g.runs(), g.passed(), g.ignored(), g.skipped(), g.xfailed(), g.failed(),
                    g.flaky(), g.quarantined()}) {
                html.append("<td class=\"n\">").append(n).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
        Optional<SourceLinks> sources = SourceLinks.of(h.refTests());
        for (SummaryReport.Group g : report.groups()) {
            failures(html, g, sources);
        }
        if (!report.benchmarks().isEmpty()) {
            html.append("<h2>Benchmarks</h2>\n<p>RUN-PERFBENCH, as run-perfbench.py prints them: mean of the runs and"
                    + " its spread.</p>\n<table class=\"groups\">\n<tr><th>Benchmark</th><th>Variant</th><th>Time (µs)</th>"
                    + "<th>± %</th><th>Score</th><th>± %</th></tr>\n");
            for (SummaryReport.Benchmark b : report.benchmarks()) {
                html.append("<tr><td>").append(Xml.escape(b.name())).append("</td><td>").append(Xml.escape(b.variant()))
                        .append("</td>");
                for (String figure : new String[] {b.time(), b.timeSd(), b.score(), b.scoreSd()}) {
                    html.append("<td class=\"n\">").append(Xml.escape(figure)).append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        tentacles(html, report);
        html.append("<h2>Timeline</h2>\n").append(timelineSvg);
        return html.append("</body>\n</html>\n").toString();
    }

    /** What happened to each testbed tentacle, and the kernel's USB messages: the header has the state alone. */
    private static void tentacles(StringBuilder html, SummaryReport report) {
        if (!report.tentacles().isEmpty()) {
            html.append("<h2>Tentacles</h2>\n<p>Each one's whole record of actions, step by step, is in <a href=\"")
                    .append(ResultsFolderListener.TENTACLES).append("\">").append(ResultsFolderListener.TENTACLES)
                    .append("</a>.</p>\n<table class=\"tentacles\">\n<tr><th>Tentacle</th><th>Variants</th>"
                            + "<th>Firmware check</th><th>Flashed</th><th>Power cycles</th><th>Result</th></tr>\n");
            for (TentacleStory t : report.tentacles()) {
                html.append("<tr").append(t.failure() != null ? " class=\"failed\"" : "").append("><td>")
                        .append(Xml.escape(t.tentacle())).append("</td><td>")
                        .append(Xml.escape(String.join(", ", t.variants()))).append("</td><td>")
                        .append(Xml.escape(t.firmwareCheck())).append("</td><td>")
                        .append(Xml.escape(SummaryText.flashed(t))).append("</td><td class=\"n\">").append(t.recoveries())
                        .append("</td><td>").append(Xml.escape(t.result())).append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        if (!report.usbMessages().isEmpty()) {
            html.append("<h2>USB health</h2>\n<p>The kernel's USB messages during the run, in order:</p>\n"
                    + "<table class=\"usb\">\n<tr><th>Severity</th><th>Time</th><th>Location</th><th>Message</th></tr>\n");
            for (UsbMessage m : report.usbMessages()) {
                html.append("<tr class=\"").append(Xml.escape(m.severity())).append("\"><td>").append(Xml.escape(m.severity()))
                        .append("</td><td>").append(Xml.escape(SummaryText.orDash(m.time()))).append("</td><td>")
                        .append(Xml.escape(SummaryText.location(m))).append("</td><td>").append(Xml.escape(m.message()))
                        .append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
    }

    private static void failures(StringBuilder html, SummaryReport.Group g, Optional<SourceLinks> sources) {
        if (g.failures().isEmpty() && g.unexpectedPasses().isEmpty() && g.incidents().isEmpty()) {
            return;
        }
        html.append("<h2>").append(Xml.escape(g.name())).append("</h2>\n");
        if (!g.failures().isEmpty()) {
            html.append("<p>Failures: <b>failed everywhere</b>, <i>flaky</i>.</p>\n<table class=\"failures\">\n<tr><th>Test</th>");
            g.variants().forEach(v -> html.append("<th>").append(Xml.escape(v)).append("</th>"));
            html.append("</tr>\n");
            for (SummaryReport.Row row : g.failures()) {
                html.append("<tr").append(row.allFailed() ? " class=\"all\"" : row.flaky() ? " class=\"flaky\"" : "")
                        .append("><td>").append(linked(row.name(), sources.map(links -> links.file(row.name())).orElse(null)))
                        .append("</td>");
                for (String variant : g.variants()) {
                    SummaryReport.Cell cell = row.cells().get(variant);
                    html.append("<td>");
                    if (cell != null) {
                        html.append("<a class=\"").append(Xml.escape(cell.word().split("/")[0])).append("\" href=\"")
                                .append(Xml.escape(cell.link())).append("\">").append(Xml.escape(cell.word()))
                                .append("</a>");
                    }
                    html.append("</td>");
                }
                html.append("</tr>\n");
            }
            html.append("</table>\n");
        }
        if (!g.unexpectedPasses().isEmpty()) {
            html.append("<p>Unexpectedly passing (listed as known failures):</p>\n<ul>\n");
            g.unexpectedPasses().forEach(p -> html.append("<li>").append(Xml.escape(p)).append("</li>\n"));
            html.append("</ul>\n");
        }
        if (!g.incidents().isEmpty()) {
            html.append("<p>Incidents (the target failed during the test; the verdict is the final run's):</p>\n<ul>\n");
            for (SummaryReport.Incident incident : g.incidents()) {
                html.append("<li>").append(Xml.escape(incident.test())).append(" on ").append(Xml.escape(incident.variant()))
                        .append(incident.tentacle() == null ? "" : " (" + Xml.escape(incident.tentacle()) + ")")
                        .append(": <a href=\"").append(Xml.escape(incident.link())).append("\">")
                        .append(Xml.escape(incident.verdict())).append("</a>\n<ul>\n");
                incident.what().forEach(what -> html.append("<li>").append(Xml.escape(what)).append("</li>\n"));
                html.append("</ul></li>\n");
            }
            html.append("</ul>\n");
        }
    }

    private static void row(StringBuilder html, String label, String value) {
        row(html, label, value, null);
    }

    /** @param link where the value leads (a ref's commit), or null */
    private static void row(StringBuilder html, String label, String value, String link) {
        if (value != null) {
            html.append("<tr><th>").append(label).append("</th><td>").append(linked(value, link)).append("</td></tr>\n");
        }
    }

    private static String linked(String text, String link) {
        return link == null ? Xml.escape(text) : "<a href=\"" + Xml.escape(link) + "\">" + Xml.escape(text) + "</a>";
    }
}
