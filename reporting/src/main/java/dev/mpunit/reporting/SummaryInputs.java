package dev.mpunit.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a summary is made of, kept in the results folder as {@value #FILE} beside the summary it
 * made: the header's facts (times to the millisecond, JUnit's counts), the known failures it was
 * written with and every test file's outcome in the order they finished. The other files hold
 * less (a re-run keeps only its last result there, no start times, no JUnit counts), so this is
 * what {@code mpunit report} rebuilds the summary from, to the byte.
 */
record SummaryInputs(SummaryReport.Header header, List<FileOutcome> outcomes, KnownFailures known,
        List<TentacleRecord> tentacles, List<UsbMessage> usbMessages) {

    static final String FILE = "summary_outcomes.json";
    /** Raised when the layout changes, so an older rebuild refuses a file it would misread. */
    static final long FORMAT = 1;

    SummaryInputs {
        outcomes = List.copyOf(outcomes);
        tentacles = List.copyOf(tentacles);
        usbMessages = List.copyOf(usbMessages);
    }

    /**
     * Writes this file, {@code timeline.svg}, {@code summary_report.html} and {@code summary_report.md},
     * and once the run has ended {@code xfail_template.json}.
     */
    void write(Path folder, AtomicFiles writer) {
        writer.write(folder.resolve(FILE), Json.write(toJson()));
        SummaryReport report = SummaryReport.of(header, outcomes, known, tentacles, usbMessages);
        String svg = TimelineSvg.render(outcomes, known);
        writer.write(folder.resolve(Summary.TIMELINE), svg);
        writer.write(folder.resolve(Summary.HTML), SummaryHtml.render(report, svg));
        // The markdown last: a reader that polls it finds the HTML it links to already there.
        writer.write(folder.resolve(Summary.MARKDOWN), SummaryMarkdown.render(report));
        if (!header.unfinished()) {
            writer.write(folder.resolve(Summary.XFAIL_TEMPLATE),
                    Json.write(SummaryReport.template(outcomes, known).toJson()));
        }
    }

    /** The same run judged against other known failures: the header's error was about the old ones. */
    SummaryInputs with(KnownFailures other) {
        SummaryReport.Header h = header;
        return new SummaryInputs(new SummaryReport.Header(h.trigger(), h.testbed(), h.instance(), h.start(), h.end(),
                h.durationMillis(), h.millisPerTest(), h.refFirmware(), h.refTests(), null, h.unfinished(), h.junit(),
                h.usbHealth()),
                outcomes, other, tentacles, usbMessages);
    }

    Map<String, Object> toJson() {
        SummaryReport.Header h = header;
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("trigger", h.trigger());
        head.put("testbed", h.testbed());
        head.put("instance", h.instance());
        head.put("start", h.start());
        head.put("end", h.end());
        head.put("duration_ms", h.durationMillis());
        head.put("ms_per_test", h.millisPerTest());
        head.put("ref_firmware", h.refFirmware());
        head.put("ref_tests", h.refTests());
        head.put("error", h.error());
        head.put("unfinished", h.unfinished());
        Map<String, Object> junit = new LinkedHashMap<>();
        junit.put("tests", h.junit().tests());
        junit.put("failed", h.junit().failed());
        junit.put("skipped", h.junit().skipped());
        head.put("junit", junit);
        head.put("usb_health", h.usbHealth());
        head.put("usb_messages", usbMessages.stream().map(UsbMessage::toJson).toList());
        List<Object> list = new ArrayList<>();
        for (FileOutcome o : outcomes) {
            Map<String, Object> outcome = new LinkedHashMap<>();
            outcome.put("group", o.group());
            outcome.put("variant", o.variant());
            outcome.put("name", o.name());
            outcome.put("verdict", o.verdict());
            outcome.put("tentacle", o.tentacle());
            outcome.put("start", o.start() == null ? null : o.start().toString());
            outcome.put("end", o.end() == null ? null : o.end().toString());
            outcome.put("log", o.log());
            outcome.put("incidents", o.incidents());
            outcome.put("perfbench", o.perfbench());
            outcome.put("reference", o.reference());
            outcome.put("quarantined", o.quarantined());
            list.add(outcome);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", FORMAT);
        json.put("header", head);
        json.put("known_failures", known.toJson());
        json.put("outcomes", list);
        json.put("tentacles", tentacles.stream().map(TentacleRecord::toJson).toList());
        return json;
    }

    /**
     * Reads {@code folder}'s {@value #FILE}.
     *
     * @throws IllegalArgumentException saying what the folder lacks or what is wrong in the file
     */
    static SummaryInputs read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            boolean results = Files.isRegularFile(folder.resolve("context.json"))
                    || Files.isRegularFile(folder.resolve(Summary.MARKDOWN));
            throw new IllegalArgumentException(results
                    ? folder + " holds no " + FILE + ": its summary was written by an mpunit older than this one"
                            + " (or by another tool), and cannot be rebuilt; run the tests again to get one"
                    : folder + " is not a results folder (no " + FILE + ", no context.json): give the folder a run"
                            + " wrote (micropython.results.dir, ./mpunit's results/<yyyymmdd-HHMMSS>)");
        }
        try {
            Map<String, Object> json = JsonReader.object(Files.readString(file));
            if (!Long.valueOf(FORMAT).equals(json.get("format"))) {
                throw new IllegalArgumentException("format " + json.get("format") + ", this mpunit reads format "
                        + FORMAT);
            }
            Map<?, ?> h = (Map<?, ?>) json.get("header");
            Map<?, ?> junit = (Map<?, ?>) h.get("junit");
            SummaryReport.Header header = new SummaryReport.Header(text(h, "trigger"), text(h, "testbed"),
                    text(h, "instance"), text(h, "start"), text(h, "end"), number(h, "duration_ms"),
                    h.get("ms_per_test") == null ? null : number(h, "ms_per_test"), text(h, "ref_firmware"),
                    text(h, "ref_tests"), text(h, "error"), (Boolean) h.get("unfinished"),
                    new JunitCounts.Totals((int) number(junit, "tests"), (int) number(junit, "failed"),
                            (int) number(junit, "skipped")), text(h, "usb_health"));
            List<FileOutcome> outcomes = new ArrayList<>();
            for (Object element : (List<?>) json.get("outcomes")) {
                Map<?, ?> o = (Map<?, ?>) element;
                List<String> incidents = new ArrayList<>();
                ((List<?>) o.get("incidents")).forEach(incident -> incidents.add((String) incident));
                outcomes.add(new FileOutcome(text(o, "group"), text(o, "variant"), text(o, "name"), text(o, "verdict"),
                        text(o, "tentacle"), instant(o, "start"), instant(o, "end"), text(o, "log"), incidents,
                        text(o, "perfbench"), text(o, "reference"), Boolean.TRUE.equals(o.get("quarantined"))));
            }
            // Files of earlier versions have neither the USB messages nor the tentacles: none to show.
            List<UsbMessage> messages = new ArrayList<>();
            if (h.get("usb_messages") != null) {
                ((List<?>) h.get("usb_messages")).forEach(message -> messages.add(UsbMessage.fromJson(message)));
            }
            List<TentacleRecord> tentacles = new ArrayList<>();
            if (json.get("tentacles") != null) {
                ((List<?>) json.get("tentacles")).forEach(tentacle -> tentacles.add(TentacleRecord.fromJson(tentacle)));
            }
            return new SummaryInputs(header, outcomes, KnownFailures.fromJson(json.get("known_failures"),
                    file.toString()), tentacles, messages);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " could not be read: " + e, e);
        } catch (RuntimeException e) {
            // A cast, a missing field, broken JSON: not the file a run writes.
            throw new IllegalArgumentException(file + " is not a summary's outcomes as mpunit writes them: "
                    + e.getMessage(), e);
        }
    }

    private static String text(Map<?, ?> json, String key) {
        return (String) json.get(key);
    }

    private static long number(Map<?, ?> json, String key) {
        return (Long) json.get(key);
    }

    private static Instant instant(Map<?, ?> json, String key) {
        Object value = json.get(key);
        return value == null ? null : Instant.parse((String) value);
    }
}
