package dev.mpunit.server.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import dev.mpunit.contract.PerfbenchLine;
import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.ParsedRun;
import dev.mpunit.server.ingest.ParsedTestRun;
import tools.jackson.databind.json.JsonMapper;

/**
 * A generated run written as the tar.gz of an mpunit results folder (docs/results-folder.md:
 * {@code context.json} and one {@code <group>@<variant>/context_test.json} per test run), the body a
 * testbed pushes, so the benchmark's ingest goes through HTTP and the parser as a real push does.
 */
final class ResultsFolderArchive {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ResultsFolderArchive() {
    }

    static byte[] of(ParsedRun parsed) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            Map<String, Object> context = new LinkedHashMap<>();
            context.put("testbed", parsed.run().testbed());
            context.put("testbed_instance", parsed.run().testbedInstance());
            context.put("time_start", time(parsed.run().timeStart()));
            context.put("time_end", time(parsed.run().timeEnd()));
            context.put("ref_firmware", parsed.run().refFirmware());
            context.put("ref_tests", parsed.run().refTests());
            context.put("trigger", parsed.run().trigger());
            context.put("commandline", parsed.run().commandline());
            context.put("error", null);
            context.put("unfinished", false);
            add(tar, "results/context.json", JSON.writeValueAsBytes(context));
            for (ParsedTestRun testRun : parsed.testRuns()) {
                add(tar, "results/" + testRun.folder() + "/context_test.json", JSON.writeValueAsBytes(contextTest(testRun)));
            }
        }
        return bytes.toByteArray();
    }

    private static Map<String, Object> contextTest(ParsedTestRun testRun) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("testgroup", testRun.group());
        context.put("tentacle", testRun.tentacles().get(0));
        context.put("tentacles", testRun.tentacles());
        context.put("ports", List.of(testRun.variant()));
        context.put("port-variant", testRun.variant());
        context.put("time_start", time(testRun.timeStart()));
        context.put("time_end", time(testRun.timeEnd()));
        context.put("log_output", "");
        context.put("unfinished", false);
        List<Map<String, Object>> results = new ArrayList<>();
        for (ParsedResult result : testRun.results()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", result.name());
            entry.put("result", result.verdict().word());
            entry.put("text", result.benchmark() == null ? result.message()
                    : String.join(" ", PerfbenchLine.fixed(result.benchmark().timeUs(), 2),
                            PerfbenchLine.fixed(result.benchmark().timeSd(), 4), PerfbenchLine.fixed(result.benchmark().score(), 2),
                            PerfbenchLine.fixed(result.benchmark().scoreSd(), 4)));
            entry.put("tentacle", result.tentacle());
            entry.put("duration_ms", result.durationMs());
            entry.put("incidents", result.incidents());
            results.add(entry);
        }
        context.put("results", results);
        return context;
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
