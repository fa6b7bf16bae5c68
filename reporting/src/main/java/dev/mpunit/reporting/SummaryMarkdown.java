package dev.mpunit.reporting;

import java.util.List;
import java.util.Optional;

import dev.mpunit.contract.MarkdownText;
import dev.mpunit.contract.SourceLinks;

/**
 * {@code summary_report.md}: short enough for a pull request's comment, so each failures matrix
 * stops after {@link #MAX_ROWS} rows and points to the HTML for the rest.
 */
final class SummaryMarkdown {

    static final int MAX_ROWS = 50;

    private SummaryMarkdown() {
    }

    static String render(SummaryReport report) {
        StringBuilder md = new StringBuilder("# MicroPython test summary\n\n");
        SummaryReport.Header h = report.header();
        if (h.unfinished()) {
            md.append("**Unfinished:** the run is still going or was interrupted; the counts are partial.\n\n");
        }
        if (h.error() != null) {
            md.append("**Error:** ").append(escape(h.error())).append("\n\n");
        }
        md.append("| | |\n|---|---|\n");
        line(md, "Trigger", h.trigger());
        line(md, "Testbed", SummaryText.testbed(h));
        line(md, "Time", h.start() + " – " + (h.end() == null ? "…" : h.end()));
        line(md, "Duration", SummaryText.duration(h));
        line(md, "Firmware", h.refFirmware(), SourceLinks.commit(h.refFirmware()));
        line(md, "Tests", h.refTests(), SourceLinks.commit(h.refTests()));
        line(md, "JUnit", SummaryText.junit(h.junit()));
        line(md, "USB health", h.usbHealth());
        md.append('\n');

        md.append("| Group | Runs | Passed | Ignored | Skipped | Xfailed | Failed | Flaky | Quarantined |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (SummaryReport.Group g : report.groups()) {
            md.append("| ").append(escape(g.name())).append(" | ").append(g.runs()).append(" | ").append(g.passed())
                    .append(" | ").append(g.ignored()).append(" | ").append(g.skipped()).append(" | ")
                    .append(g.xfailed()).append(" | ").append(g.failed()).append(" | ").append(g.flaky())
                    .append(" | ").append(g.quarantined()).append(" |\n");
        }
        Optional<SourceLinks> sources = SourceLinks.of(h.refTests());
        for (SummaryReport.Group g : report.groups()) {
            failures(md, g, sources);
        }
        if (!report.benchmarks().isEmpty()) {
            md.append("\n## Benchmarks\n\nRUN-PERFBENCH, as run-perfbench.py prints them: mean of the runs and its spread.\n\n")
                    .append("| Benchmark | Variant | Time (µs) | ± % | Score | ± % |\n|---|---|--:|--:|--:|--:|\n");
            for (SummaryReport.Benchmark b : report.benchmarks()) {
                md.append("| ").append(escape(b.name())).append(" | ").append(escape(b.variant())).append(" | ")
                        .append(b.time()).append(" | ").append(b.timeSd()).append(" | ").append(b.score()).append(" | ")
                        .append(b.scoreSd()).append(" |\n");
            }
        }
        tentacles(md, report);
        return md.toString();
    }

    /** What happened to each testbed tentacle, and the kernel's USB messages: the header has the state alone. */
    private static void tentacles(StringBuilder md, SummaryReport report) {
        if (!report.tentacles().isEmpty()) {
            md.append("\n## Tentacles\n\nEach one's whole record of actions, step by step, is in [")
                    .append(ResultsFolderListener.TENTACLES).append("](").append(ResultsFolderListener.TENTACLES)
                    .append(").\n\n| Tentacle | Variants | Firmware check | Flashed | Power cycles | Result |\n")
                    .append("|---|---|---|---|--:|---|\n");
            for (TentacleStory t : report.tentacles()) {
                md.append("| ").append(escape(t.tentacle())).append(" | ").append(escape(String.join(", ", t.variants())))
                        .append(" | ").append(escape(t.firmwareCheck())).append(" | ")
                        .append(escape(SummaryText.flashed(t))).append(" | ").append(t.recoveries()).append(" | ")
                        .append(escape(t.result())).append(" |\n");
            }
        }
        if (!report.usbMessages().isEmpty()) {
            md.append("\n## USB health\n\nThe kernel's USB messages during the run, in order:\n\n")
                    .append("| Severity | Time | Location | Message |\n|---|---|---|---|\n");
            for (UsbMessage m : report.usbMessages()) {
                md.append("| ").append(escape(m.severity())).append(" | ").append(escape(SummaryText.orDash(m.time())))
                        .append(" | ").append(escape(SummaryText.location(m))).append(" | ").append(escape(m.message()))
                        .append(" |\n");
            }
        }
    }

    private static void failures(StringBuilder md, SummaryReport.Group g, Optional<SourceLinks> sources) {
        if (g.failures().isEmpty() && g.unexpectedPasses().isEmpty() && g.incidents().isEmpty()) {
            return;
        }
        md.append("\n## ").append(escape(g.name())).append('\n');
        if (!g.failures().isEmpty()) {
            md.append("\nFailures (**failed everywhere**, *flaky*):\n\n| Test |");
            g.variants().forEach(v -> md.append(' ').append(escape(v)).append(" |"));
            md.append("\n|---|");
            g.variants().forEach(v -> md.append("---|"));
            md.append('\n');
            List<SummaryReport.Row> rows = g.failures();
            for (SummaryReport.Row row : rows.subList(0, Math.min(MAX_ROWS, rows.size()))) {
                String name = linked(escape(row.name()), sources.map(links -> links.file(row.name())).orElse(null));
                md.append("| ").append(row.allFailed() ? "**" + name + "**" : row.flaky() ? "*" + name + "*" : name)
                        .append(" |");
                for (String variant : g.variants()) {
                    SummaryReport.Cell cell = row.cells().get(variant);
                    md.append(' ').append(cell == null ? "" : "[" + cell.word() + "](" + cell.link() + ")").append(" |");
                }
                md.append('\n');
            }
            if (rows.size() > MAX_ROWS) {
                md.append("\n… and ").append(rows.size() - MAX_ROWS).append(" more in [")
                        .append(Summary.HTML).append("](").append(Summary.HTML).append(").\n");
            }
        }
        if (!g.unexpectedPasses().isEmpty()) {
            md.append("\nUnexpectedly passing (listed as known failures):\n\n");
            g.unexpectedPasses().forEach(p -> md.append("- ").append(escape(p)).append('\n'));
        }
        if (!g.incidents().isEmpty()) {
            md.append("\nIncidents (the target failed during the test; the verdict is the final run's):\n\n");
            for (SummaryReport.Incident incident : g.incidents()) {
                md.append("- ").append(escape(incident.test())).append(" on ").append(escape(incident.variant()))
                        .append(incident.tentacle() == null ? "" : " (" + escape(incident.tentacle()) + ")")
                        .append(": [").append(incident.verdict()).append("](").append(incident.link()).append(")\n");
                incident.what().forEach(what -> md.append("  - ").append(escape(what)).append('\n'));
            }
        }
    }

    private static void line(StringBuilder md, String label, String value) {
        line(md, label, value, null);
    }

    /** @param link where the value leads (a ref's commit), or null */
    private static void line(StringBuilder md, String label, String value, String link) {
        if (value != null) {
            md.append("| ").append(label).append(" | ").append(linked(escape(value), link)).append(" |\n");
        }
    }

    /** SourceLinks gives plain https URLs with no space or parenthesis: safe inside {@code (…)} as they are. */
    private static String linked(String escaped, String link) {
        return link == null ? escaped : "[" + escaped + "](" + link + ")";
    }

    private static String escape(String text) {
        return MarkdownText.escape(text);
    }
}
