package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.hardware.local.WebAssemblyInstallation;

/**
 * The listener's push at the end of a real run (webassembly MicroPython, in a JVM of its own: the
 * token comes from its environment): what arrives is the finished folder, byte for byte, and the
 * token is in the header only, {@code ***} in the files that would have held it. The server
 * answers as scripted; the real server is pushed to in ResultsUploadEndToEndTest.
 */
class ResultsPushEndToEndTest {

    static final Path TREE = Path.of("src/test/resources/fixtures/upload").toAbsolutePath();
    static final String TOKEN = "mpt_push-token-of-the-end-to-end-test";
    static final String RUN = "RUN-TESTS_STANDARD@webassembly";

    @TempDir
    Path temp;

    @BeforeEach
    void needsNode() {
        WebAssemblyAvailable.assumeNode();
    }

    @Test
    void theFinishedFolderIsPushedOnceTheRunEndsWithTheTokenInTheHeaderOnly() throws Exception {
        Path results = temp.resolve("results");
        String log;
        try (ScriptedResultsServer server = new ScriptedResultsServer(0)) {
            server.answer(201, "{\"id\": 17, \"duplicate\": false, \"replaced\": false}");
            log = run(results, server.url(), Map.of("MPUNIT_UPLOAD_TOKEN", TOKEN));

            assertThat(server.requests()).singleElement().satisfies(request -> {
                assertThat(request.authorization()).isEqualTo("Bearer " + TOKEN);
                Map<String, String> pushed = entries(request.body());
                assertThat(pushed).as("the folder as the run left it").isEqualTo(contents(results));
                assertThat(pushed.get("context.json")).contains("\"unfinished\": false");
                assertThat(pushed.get(RUN + "/basics_token.py.exp")).isEqualTo("token: ***\n");
                assertThat(pushed.values()).noneMatch(content -> content.contains(TOKEN));
            });
        }
        assertThat(log).contains("mpunit: the results in " + results + " were pushed to http://127.0.0.1:");
        assertThat(log).contains("/runs/17").doesNotContain(TOKEN);
    }

    @Test
    void aPushWithoutATokenIsNotTriedAndSaysWhereTheTokenGoes() throws Exception {
        Path results = temp.resolve("results");
        try (ScriptedResultsServer server = new ScriptedResultsServer(0)) {
            String log = run(results, server.url(), Map.of());

            assertThat(server.requests()).isEmpty();
            assertThat(log).contains("mpunit: upload to " + server.url() + " failed (no push token: the environment variable"
                    + " MPUNIT_UPLOAD_TOKEN is not set; the server's ./mpunit serve token create <testbed> prints one);"
                    + " the results stay in " + results + "; push them later with ./mpunit upload " + results + " --url "
                    + server.url());
        }
        assertThat(results.resolve(RUN).resolve("_results.json")).exists();
    }

    /** One run of the fixture tree pushing to {@code server}, with these other parameters; what the child JVM printed. */
    static String run(Path results, String server, Map<String, String> environment, String... parameters)
            throws Exception {
        Path temp = results.resolveSibling(results.getFileName() + "-run");
        Files.createDirectories(temp);
        Path mjs = WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults()).micropythonMjs();
        List<String> all = new ArrayList<>(List.of(
                "micropython.cache=" + temp.resolve("cache"),
                "micropython.webassembly.mjs=" + mjs,
                ReportingConfigurationKeys.RESULTS_DIR + "=" + results,
                ReportingConfigurationKeys.RESULTS_UPLOAD + "=" + server));
        all.addAll(List.of(parameters));
        ProcessBuilder builder = ChildEngineRun.command(TREE, all).redirectErrorStream(true).redirectOutput(temp.resolve("run.log").toFile());
        builder.environment().remove("MPUNIT_UPLOAD_TOKEN");
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the run ended").isTrue();
        String log = Files.readString(temp.resolve("run.log"));
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(results.resolve("context.json")).as(log).exists();
        return log;
    }

    /** Every file of the folder by its path in it, as text. */
    static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> contents = new TreeMap<>();
        for (Path file : SecretsRedactionTest.allFiles(folder)) {
            contents.put(folder.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
        }
        return contents;
    }

    static Map<String, String> entries(byte[] tarGz) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(tarGz)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries.put(entry.getName(), new String(tar.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
