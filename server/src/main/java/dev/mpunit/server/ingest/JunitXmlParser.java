package dev.mpunit.server.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.mpunit.contract.MicroPythonTestId;
import dev.mpunit.contract.PerfbenchLine;
import dev.mpunit.contract.ReportEntryKeys;
import dev.mpunit.contract.Verdicts;

/**
 * JUnit XML: Surefire's {@code TEST-<class>.xml} and the console launcher's legacy report, one file or
 * several, {@code <testsuite>} alone or inside {@code <testsuites>}. The console launcher writes each
 * test's unique id and report entries into its {@code <system-out>}: for tests of the micropython
 * engine they give group, variant, file, verdict, tentacle, duration and benchmark figures. Other
 * tests get their group from {@code ?group=} or the suite's name, their variant from {@code ?variant=}
 * or {@value #DEFAULT_VARIANT}. {@code <properties>} (the JVM's: paths, maybe secrets) are never read.
 * The reader reads no DTD and no entity: a document with a DOCTYPE is refused.
 */
final class JunitXmlParser {

    static final String DEFAULT_VARIANT = "junit";
    private static final String UNIQUE_ID = "unique-id: ";
    private static final String ENTRY_LINE = "\t- ";
    private static final String REPORT_ENTRY = "Report Entry #";

    private JunitXmlParser() {
    }

    static ParsedContent parse(UploadFolder files, List<String> paths, Upload upload) throws UploadRejected {
        Map<String, TestRunBuilder> testRuns = new LinkedHashMap<>();
        SuiteTimes times = new SuiteTimes();
        Map<String, byte[]> written = new LinkedHashMap<>();
        for (String path : paths) {
            byte[] xml = files.file(path).orElseThrow();
            new FileReader(path, upload, testRuns, times, files, written).read(xml);
            byte[] kept = withoutProperties(xml);
            if (kept != xml) {
                written.put(path, kept);
            }
        }
        List<ParsedTestRun> parsed = new ArrayList<>();
        testRuns.values().forEach(builder -> parsed.add(builder.build()));
        OffsetDateTime end = times.start == null ? null : times.start.plusNanos((long) (times.seconds * 1e9));
        return new ParsedContent(RunContext.fromParameters(upload, "JUnit XML", times.start, end), parsed, written);
    }

    /** The earliest suite start and the suites' time added up. */
    private static final class SuiteTimes {
        OffsetDateTime start;
        double seconds;
    }

    private record TestRunBuilder(String group, String variant, List<ParsedResult> results) {

        ParsedTestRun build() {
            List<String> tentacles = results.stream().map(ParsedResult::tentacle).filter(t -> t != null)
                    .distinct().toList();
            return new ParsedTestRun(group, variant, MpunitFolderParser.folderName(group, variant), tentacles, null, null,
                    null, false, results);
        }
    }

    /** One XML file, read as a stream (a campaign's report is large). */
    private static final class FileReader {

        private final String path;
        private final Upload upload;
        private final Map<String, TestRunBuilder> testRuns;
        private final SuiteTimes times;
        private final UploadFolder files;
        private final Map<String, byte[]> written;
        private final Deque<String> suites = new ArrayDeque<>();

        FileReader(String path, Upload upload, Map<String, TestRunBuilder> testRuns, SuiteTimes times,
                UploadFolder files, Map<String, byte[]> written) {
            this.path = path;
            this.upload = upload;
            this.testRuns = testRuns;
            this.times = times;
            this.files = files;
            this.written = written;
        }

        void read(byte[] xml) throws UploadRejected {
            XMLStreamReader reader = null;
            try {
                reader = factory().createXMLStreamReader(new ByteArrayInputStream(xml));
                boolean sawSuite = false;
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw new UploadRejected(400, path + ": malformed XML: it has a DOCTYPE, which JUnit XML never"
                                + " has; documents with DTDs or entities are refused");
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        switch (reader.getLocalName()) {
                            case "testsuite" -> {
                                sawSuite = true;
                                suite(reader);
                            }
                            case "properties" -> skip(reader);
                            case "testcase" -> testCase(reader);
                            default -> {
                            }
                        }
                    } else if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("testsuite")) {
                        suites.pop();
                    }
                }
                if (!sawSuite) {
                    throw new UploadRejected(400, path + ": no <testsuite>: not JUnit XML");
                }
            } catch (XMLStreamException e) {
                throw new UploadRejected(400, path + ": malformed XML: " + xmlMessage(e), e);
            } finally {
                close(reader);
            }
        }

        private void suite(XMLStreamReader reader) throws UploadRejected {
            String name = attribute(reader, "name");
            suites.push(name == null ? "" : name);
            if (suites.size() > 1) {
                return;
            }
            OffsetDateTime start = Times.parse(attribute(reader, "timestamp"), upload.zone(), path + ": timestamp");
            if (start != null && (times.start == null || start.isBefore(times.start))) {
                times.start = start;
            }
            String time = attribute(reader, "time");
            if (time != null) {
                try {
                    times.seconds += Double.parseDouble(time.replace(",", ""));
                } catch (NumberFormatException e) {
                    throw new UploadRejected(400, path + ": testsuite " + name + " has time '" + time + "', not seconds");
                }
            }
        }

        private void testCase(XMLStreamReader reader) throws XMLStreamException, UploadRejected {
            String name = attribute(reader, "name");
            String className = attribute(reader, "classname");
            String time = attribute(reader, "time");
            Verdict verdict = Verdict.PASS;
            StringBuilder message = new StringBuilder();
            StringBuilder out = new StringBuilder();
            List<String> incidents = new ArrayList<>();
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals("testcase")) {
                    break;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                switch (reader.getLocalName()) {
                    case "failure", "error" -> {
                        verdict = Verdict.FAIL;
                        append(message, attribute(reader, "message"), text(reader));
                    }
                    case "skipped" -> {
                        if (verdict != Verdict.FAIL) {
                            verdict = Verdict.SKIP;
                        }
                        append(message, attribute(reader, "message"), text(reader));
                    }
                    case "system-out" -> out.append(text(reader));
                    // Surefire's re-runs: a test that passed on a re-run was flaky, one that never did failed.
                    case "flakyFailure", "flakyError", "rerunFailure", "rerunError" -> {
                        String what = reader.getLocalName().startsWith("flaky") ? "failed, passed on a re-run: "
                                : "failed again on a re-run: ";
                        incidents.add(what + Optional.ofNullable(attribute(reader, "message")).orElse(""));
                        skip(reader);
                    }
                    default -> skip(reader);
                }
            }
            if (name == null) {
                throw new UploadRejected(400, path + ": a <testcase> has no name");
            }
            add(name, className, time, verdict, message.toString(), out.toString(), incidents);
        }

        private void add(String name, String className, String time, Verdict xmlVerdict, String xmlMessage, String out,
                List<String> incidents) throws UploadRejected {
            Optional<MicroPythonTestId> id = uniqueId(out);
            Map<String, String> entries = reportEntries(out);
            String group;
            String variant;
            String testName;
            if (id.isPresent() && id.get().file() != null) {
                group = id.get().group();
                variant = id.get().variant();
                testName = id.get().testCase() == null ? id.get().file() : id.get().file() + "#" + id.get().testCase();
            } else {
                group = upload.parameter("group").orElse(suites.isEmpty() || suites.getLast().isEmpty()
                        ? RunTestsParser.DEFAULT_GROUP : suites.getLast());
                variant = upload.parameter("variant").orElse(DEFAULT_VARIANT);
                // Surefire names the suite's class in both (its simple name in classname), the console
                // launcher the test's class in classname: only that one says more than the suite.
                String suite = suites.isEmpty() ? "" : suites.peek();
                testName = className == null || className.isBlank() || className.equals(suite)
                        || suite.endsWith("." + className) ? name : className + "#" + name;
            }
            Verdict verdict = xmlVerdict;
            String word = entries.get(ReportEntryKeys.VERDICT);
            // A file whose runs disagreed (micropython.count, retry-failed) is stored as JUnit was told of it:
            // its XML status, as the results folder's _results.json writes it.
            if (word != null && !word.strip().equals(Verdicts.FLAKY)) {
                try {
                    verdict = Verdict.ofWord(word.strip());
                } catch (IllegalArgumentException e) {
                    throw new UploadRejected(400, path + ": " + testName + " has " + ReportEntryKeys.VERDICT + " '" + word
                            + "', not one of pass, fail, skip, ignored, xfail");
                }
            }
            String message = entries.getOrDefault(ReportEntryKeys.REASON, xmlMessage);
            Long duration = duration(entries.get(ReportEntryKeys.DURATION), time, testName);
            List<String> allIncidents = new ArrayList<>(incidents);
            Optional.ofNullable(entries.get(ReportEntryKeys.INCIDENTS))
                    .ifPresent(text -> text.lines().filter(line -> !line.isBlank()).forEach(allIncidents::add));
            Benchmark benchmark = verdict != Verdict.PASS ? null
                    : PerfbenchLine.parse(entries.get(ReportEntryKeys.PERFBENCH))
                            .map(line -> new Benchmark(line.time(), line.timeSd(), line.score(), line.scoreSd()))
                            .orElse(null);
            // The engine's output and expected output become the .out and .exp a results folder would hold.
            String base = MpunitFolderParser.folderName(group, variant) + "/" + Results.testBaseName(testName);
            String output = derivedFile(base + ".out", entries.get(ReportEntryKeys.OUTPUT));
            String expected = derivedFile(base + ".exp", entries.get(ReportEntryKeys.EXPECTED));
            ParsedResult result = Results.of(testName, verdict, message, entries.get(ReportEntryKeys.TENTACLE), duration,
                    allIncidents, benchmark, output, expected);
            testRuns.computeIfAbsent(MpunitFolderParser.folderName(group, variant),
                    key -> new TestRunBuilder(group, variant, new ArrayList<>()))
                    .results().add(result);
        }

        /** The path of a file made of an entry's value (an uploaded file of that path is kept), null without a value. */
        private String derivedFile(String path, String value) {
            if (value == null) {
                return null;
            }
            if (!files.has(path)) {
                written.put(path, (value + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return path;
        }

        private Long duration(String entry, String time, String testName) throws UploadRejected {
            try {
                if (entry != null) {
                    return Long.parseLong(entry.strip());
                }
                return time == null || time.isBlank() ? null : Math.round(Double.parseDouble(time.replace(",", "")) * 1000);
            } catch (NumberFormatException e) {
                throw new UploadRejected(400, path + ": " + testName + " has duration '" + (entry != null ? entry : time)
                        + "', not a number");
            }
        }

        /** The micropython engine's node the console launcher's {@code unique-id:} line names, if it names one. */
        private Optional<MicroPythonTestId> uniqueId(String out) {
            for (String line : out.lines().toList()) {
                if (line.startsWith(UNIQUE_ID)) {
                    try {
                        return MicroPythonTestId.find(line.substring(UNIQUE_ID.length()).strip());
                    } catch (IllegalArgumentException e) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The console launcher's report entries: {@code Report Entry #n (timestamp: …)}, then a line
     * {@code \t- key: value} per key; a value's further lines follow as they are. Only the engine's keys
     * start an entry, so an output line that looks like one stays part of the value.
     */
    static Map<String, String> reportEntries(String out) {
        Map<String, String> entries = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            String newKey = entryKey(line);
            if (newKey != null || line.startsWith(REPORT_ENTRY)) {
                if (key != null) {
                    entries.put(key, stripLastNewline(value));
                }
                key = newKey;
                value.setLength(0);
                if (newKey != null) {
                    value.append(line.substring(ENTRY_LINE.length() + newKey.length() + 2));
                }
            } else if (key != null) {
                value.append('\n').append(line);
            }
        }
        if (key != null) {
            entries.put(key, stripLastNewline(value));
        }
        return entries;
    }

    private static String entryKey(String line) {
        if (!line.startsWith(ENTRY_LINE + ReportEntryKeys.PREFIX)) {
            return null;
        }
        for (String key : ReportEntryKeys.ALL) {
            if (line.startsWith(ENTRY_LINE + key + ": ")) {
                return key;
            }
        }
        return null;
    }

    /** The writer ends each entry with a newline and each block with another. */
    private static String stripLastNewline(StringBuilder value) {
        String text = value.toString();
        while (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /**
     * The XML without the {@code <properties>} at the start of each {@code <testsuite>} (the JVM's system
     * properties: paths, maybe secrets), so the stored file does not keep them; the same array when it has
     * none. Worked on the bytes (the names are ASCII in every encoding JUnit XML is written in), so
     * everything else stays as it was; {@code <properties>} in a test's output stays too, since only the
     * one that opens a suite is taken.
     */
    static byte[] withoutProperties(byte[] xml) {
        ByteArrayOutputStream kept = null;
        int from = 0;
        int at = 0;
        while ((at = indexOf(xml, SUITE, at)) >= 0) {
            if (!endsName(xml, at + SUITE.length)) {
                // <testsuites>
                at += SUITE.length;
                continue;
            }
            int startTagEnd = endOfTag(xml, at + SUITE.length);
            if (startTagEnd < 0) {
                break;
            }
            int properties = skipWhiteSpace(xml, startTagEnd + 1);
            at = startTagEnd + 1;
            if (!startsWith(xml, properties, PROPERTIES) || !endsName(xml, properties + PROPERTIES.length)) {
                continue;
            }
            int propertiesTagEnd = endOfTag(xml, properties + PROPERTIES.length);
            if (propertiesTagEnd < 0) {
                break;
            }
            int end;
            if (xml[propertiesTagEnd - 1] == '/') {
                end = propertiesTagEnd + 1;
            } else {
                int close = indexOf(xml, PROPERTIES_END, propertiesTagEnd);
                if (close < 0) {
                    break;
                }
                end = close + PROPERTIES_END.length;
            }
            if (kept == null) {
                kept = new ByteArrayOutputStream(xml.length);
            }
            // The white space before it goes with it: the next element keeps its own line.
            kept.write(xml, from, startTagEnd + 1 - from);
            from = end;
            at = end;
        }
        if (kept == null) {
            return xml;
        }
        kept.write(xml, from, xml.length - from);
        return kept.toByteArray();
    }

    private static final byte[] SUITE = "<testsuite".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROPERTIES = "<properties".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROPERTIES_END = "</properties>".getBytes(StandardCharsets.US_ASCII);

    /** Whether a tag's name ends at {@code at}: {@code <testsuite>} but not {@code <testsuites>}. */
    private static boolean endsName(byte[] xml, int at) {
        return at < xml.length && (xml[at] == '>' || xml[at] == '/' || Character.isWhitespace(xml[at]));
    }

    /** Where a tag whose name ends at {@code from} ends ({@code >} outside quoted attribute values), -1 when it does not. */
    private static int endOfTag(byte[] xml, int from) {
        byte quote = 0;
        for (int i = from; i < xml.length; i++) {
            if (quote != 0) {
                if (xml[i] == quote) {
                    quote = 0;
                }
            } else if (xml[i] == '"' || xml[i] == '\'') {
                quote = xml[i];
            } else if (xml[i] == '>') {
                return i;
            }
        }
        return -1;
    }

    private static int skipWhiteSpace(byte[] xml, int from) {
        int i = from;
        while (i < xml.length && Character.isWhitespace(xml[i])) {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] xml, int at, byte[] prefix) {
        if (at + prefix.length > xml.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (xml[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] xml, byte[] what, int from) {
        for (int i = Math.max(0, from); i + what.length <= xml.length; i++) {
            if (startsWith(xml, i, what)) {
                return i;
            }
        }
        return -1;
    }

    private static XMLInputFactory factory() {
        // The JDK's own implementation, whatever else is on the class path, with nothing read from outside.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** The text inside the current element, its child elements' text included; the reader ends on its end tag. */
    private static String text(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                default -> {
                }
            }
        }
        return text.toString();
    }

    private static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static String attribute(XMLStreamReader reader, String name) {
        return reader.getAttributeValue(null, name);
    }

    private static void append(StringBuilder message, String attribute, String text) {
        for (String part : new String[] {attribute, text == null ? null : text.strip()}) {
            if (part != null && !part.isBlank() && message.indexOf(part) < 0) {
                if (message.length() > 0) {
                    message.append('\n');
                }
                message.append(part);
            }
        }
    }

    /** {@code line 1, column 42: The element type …}, as JSON's messages say it. */
    private static String xmlMessage(XMLStreamException e) {
        String message = e.getMessage() == null ? "unreadable" : e.getMessage();
        // The JDK writes "ParseError at [row,col]:[r,c]\nMessage: …".
        int text = message.indexOf("Message: ");
        String what = (text < 0 ? message : message.substring(text + "Message: ".length())).replace('\n', ' ').strip();
        return e.getLocation() == null ? what
                : "line " + e.getLocation().getLineNumber() + ", column " + e.getLocation().getColumnNumber() + ": " + what;
    }

    private static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Read from memory: nothing to release.
            }
        }
    }
}
