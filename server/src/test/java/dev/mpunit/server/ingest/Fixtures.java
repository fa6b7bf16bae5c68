package dev.mpunit.server.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** The uploads under {@code src/test/resources/uploads/} and a short way to make an {@link Upload}. */
final class Fixtures {

    private Fixtures() {
    }

    /**
     * An mpunit results folder the examples wrote ({@code ./mpunit examples/tests/basics
     * examples/tests/perf_bench}, commandline shortened): 18 files of RUN-TESTS_STANDARD and 3 benchmarks of
     * RUN-PERFBENCH on webassembly, no testbed.
     */
    static Path mpunitExamples() {
        return resource("mpunit-examples");
    }

    /**
     * A results folder of a run with a failure ({@code basics/fail_exp.py} against a wrong {@code .exp}),
     * packed by GNU tar as a client does ({@code tar czf run.tar.gz -C <folder> .}: entries {@code ./…});
     * its trigger is a token given by mistake, {@code mpt_SHOULDbeBLANKED0}.
     */
    static byte[] mpunitFailureTarGz() {
        try {
            return Files.readAllBytes(resource("mpunit-failure-gnu-tar.tar.gz"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The console launcher's legacy XML of the same kind of run, {@code <properties>} taken out. */
    static byte[] consoleLauncherXml() {
        try {
            return Files.readAllBytes(resource("console-launcher-TEST-micropython.xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path resource(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/uploads/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Upload upload(byte[] body, Map<String, String> parameters) {
        return new Upload(body, null, Optional.empty(), parameters, ZoneOffset.UTC);
    }

    static Upload upload(byte[] body, String format, Map<String, String> parameters, ZoneId zone) {
        return new Upload(body, null, Optional.ofNullable(format), parameters, zone);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
