package dev.mpunit.server.ingest;

import static dev.mpunit.server.ingest.Fixtures.upload;
import static dev.mpunit.server.ingest.Fixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad input that is about an upload's content: each is refused as a whole, with the status and a
 * message that names the problem (the store then stores nothing of it).
 */
class BadUploadTest {

    private static final String CONTEXT = "{\"testbed\": \"lab\", \"time_start\": \"2026-12-01 02:00:00\"}";
    private static final UploadLimits SMALL = new UploadLimits(64 * 1024, 5, 1024 * 1024, 512 * 1024);

    static Stream<Arguments> badUploads() {
        byte[] folder = MpunitFolderTest.handMade(false).bytes();
        byte[] corrupt = folder.clone();
        for (int i = 20; i < 60; i++) {
            corrupt[i] ^= 0x5a;
        }
        return Stream.of(
                bad("a truncated archive", upload(Arrays.copyOf(folder, folder.length / 2), Map.of()),
                        UploadLimits.DEFAULTS, 400, "truncated or corrupt archive: it ends too early (EOFException)"),
                bad("an archive cut before its gzip trailer", upload(Arrays.copyOf(folder, folder.length - 4), Map.of()),
                        UploadLimits.DEFAULTS, 400, "truncated or corrupt archive: "),
                bad("a corrupt archive", upload(corrupt, Map.of()), UploadLimits.DEFAULTS, 400, "truncated or corrupt archive: "),
                bad("an unknown format", Fixtures.upload(folder, "xunit", Map.of(), ZoneOffset.UTC), SMALL, 400,
                        "unknown format 'xunit'; known: mpunit, octoprobe, junit, run-tests"),
                bad("an entry going up with ../", tar(new TarGz().file("context.json", CONTEXT).file("../evil.sh", "x")),
                        SMALL, 400, "archive entry leaves its folder: ../evil.sh (a .. segment)"),
                bad("an entry going up inside its path", tar(new TarGz().file("context.json", CONTEXT)
                        .file("RUN-X@y/../../evil.sh", "x")), SMALL, 400,
                        "archive entry leaves its folder: RUN-X@y/../../evil.sh (a .. segment)"),
                bad("an absolute entry", tar(new TarGz().file("context.json", CONTEXT).file("/etc/passwd", "x")), SMALL,
                        400, "archive entry leaves its folder: /etc/passwd (an absolute name)"),
                bad("an entry with a drive letter", tar(new TarGz().file("C:/Windows/evil.dll", "x")), SMALL, 400,
                        "archive entry leaves its folder: C:/Windows/evil.dll (an absolute name)"),
                bad("an entry with backslashes", tar(new TarGz().file("..\\..\\evil.sh", "x")), SMALL, 400,
                        "archive entry leaves its folder: ..\\..\\evil.sh (a backslash or NUL in its name)"),
                bad("a symbolic link", tar(new TarGz().file("context.json", CONTEXT).symlink("RUN-X@y/out", "/etc/passwd")),
                        SMALL, 400, "archive entry is a link: RUN-X@y/out (to /etc/passwd)"),
                bad("a hard link", tar(new TarGz().file("context.json", CONTEXT).hardlink("RUN-X@y/out", "/etc/shadow")),
                        SMALL, 400, "archive entry is a link: RUN-X@y/out (to /etc/shadow)"),
                bad("a FIFO", tar(new TarGz().file("context.json", CONTEXT).fifo("RUN-X@y/pipe")), SMALL, 400,
                        "archive entry is neither a file nor a folder: RUN-X@y/pipe"),
                bad("an archive over the size limit", upload(new TarGz().file("context.json", CONTEXT)
                        .file("big.bin", random(70 * 1024)).bytes(), Map.of()), SMALL, 413,
                        "archive over the limit: "),
                bad("an archive over the file-count limit", tar(files(6)), SMALL, 413,
                        "archive over the limit: more than 5 entries (--max-files)"),
                bad("a gzip bomb", tar(new TarGz().file("a", new byte[400_000]).file("b", new byte[400_000])
                        .file("c", new byte[400_000])), SMALL, 413, "archive over the limit: more than 1048576 bytes unpacked"),
                bad("one file over the limit", tar(new TarGz().file("context.json", CONTEXT).file("a.out", new byte[600_000])),
                        SMALL, 413, "archive over the limit: a.out has 600000 bytes, one file may have at most 524288"),
                bad("the same file twice", tar(new TarGz().file("context.json", CONTEXT).file("./context.json", CONTEXT)),
                        SMALL, 400, "archive holds context.json twice"),
                bad("malformed JSON in a folder", tar(new TarGz().file("context.json", "{\"testbed\": \"lab\",\n  \"time_start\" 1}")),
                        SMALL, 400, "context.json: malformed JSON at line 2, column 16: "),
                bad("malformed JSON in a test run", tar(new TarGz().file("context.json", CONTEXT)
                        .file("RUN-X@y/context_test.json", "{\"results\": [}")), SMALL, 400,
                        "RUN-X@y/context_test.json: malformed JSON at line 1, column 14: Unexpected close marker '}': expected ']'"),
                bad("a malformed _results.json", upload(utf8("{\"results\": [[\"a.py\", \"pass\"]"), Map.of("testbed", "ci")),
                        SMALL, 400, "_results.json: malformed JSON at line 1, column "),
                bad("malformed XML", upload(utf8("<testsuite name=\"x\"><testcase name=\"a\"></testsuite>"),
                        Map.of("testbed", "ci")), SMALL, 400, "junit.xml: malformed XML: line 1, column 42: The element type \"testcase\""
                        + " must be terminated by the matching end-tag \"</testcase>\"."),
                bad("malformed XML in an archive", tar(new TarGz().file("reports/TEST-a.xml", "<testsuite><testcase")),
                        SMALL, 400, "TEST-a.xml: malformed XML: line 1, column 21: "),
                bad("an XXE doctype", upload(utf8("""
                        <?xml version="1.0"?>
                        <!DOCTYPE testsuite [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                        <testsuite name="x"><testcase name="a"><failure message="&xxe;"/></testcase></testsuite>
                        """), Map.of("testbed", "ci")), SMALL, 400, "junit.xml: malformed XML: it has a DOCTYPE, which"
                        + " JUnit XML never has; documents with DTDs or entities are refused"),
                bad("an archive that is no results folder", tar(new TarGz().file("notes.txt", "hello")), SMALL, 400,
                        "not a results folder: no context.json, no JUnit XML, no _results.json"),
                bad("an empty archive", tar(new TarGz().folder("results")), SMALL, 400, "the archive holds no files"),
                bad("an empty body", upload(new byte[0], Map.of()), SMALL, 400, "the upload is empty"),
                bad("a zip", upload(new byte[] {'P', 'K', 3, 4, 0, 0}, Map.of()), SMALL, 400,
                        "the upload is neither a tar.gz, XML nor JSON (it starts with bytes 50 4b 03 04, a zip archive"),
                bad("JSON that is no _results.json", upload(utf8(CONTEXT), Map.of()), SMALL, 400,
                        "the JSON upload is not run-tests.py's _results.json"),
                bad("a forced format that does not fit the body", Fixtures.upload(utf8("<testsuite/>"), "mpunit", Map.of(),
                        ZoneOffset.UTC), SMALL, 400, "format=mpunit needs a tar.gz of the results folder, the upload is XML"),
                bad("a forced format missing its file", Fixtures.upload(new TarGz().file("TEST-a.xml", "<testsuite/>").bytes(),
                        "mpunit", Map.of(), ZoneOffset.UTC), SMALL, 400, "format=mpunit: no context.json at the archive's root"),
                bad("a forced junit without XML", Fixtures.upload(new TarGz().file("context.json", CONTEXT).bytes(),
                        "junit", Map.of(), ZoneOffset.UTC), SMALL, 400,
                        "format=junit: no JUnit XML (an .xml file with a <testsuite>) in the upload"),
                bad("a time that is none", tar(new TarGz().file("context.json",
                        "{\"testbed\": \"lab\", \"time_start\": \"yesterday\"}")), SMALL, 400,
                        "context.json: time_start is 'yesterday', not a time"),
                bad("a field of the wrong type", tar(new TarGz().file("context.json", CONTEXT).file("RUN-X@y/context_test.json",
                        "{\"results\": [{\"name\": \"a.py\", \"result\": \"pass\", \"duration_ms\": \"fast\"}]}")), SMALL, 400,
                        "RUN-X@y/context_test.json: duration_ms is a string, expected an integer"),
                bad("a tentacles.json of another shape", tar(new TarGz().file("context.json", CONTEXT)
                        .file("tentacles.json", "{\"tentacles\": [{\"tentacle\": \"0001-MICROBIT\", \"actions\": \"lock\"}]}")),
                        SMALL, 400, "tentacles.json: actions is a string, expected an array"),
                bad("a usb_health that is no object", tar(new TarGz().file("context.json",
                        "{\"testbed\": \"lab\", \"time_start\": \"2026-12-01 02:00:00\", \"usb_health\": \"ok\"}")),
                        SMALL, 400, "context.json: usb_health is a string, expected an object or null"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUploads")
    void isRefusedWithAMessageNamingTheProblem(String what, Upload upload, UploadLimits limits, int status,
            String message) {
        UploadRejected rejected = catchThrowableOfType(UploadRejected.class, () -> Uploads.parse(upload, limits));

        assertThat(rejected).as(what).isNotNull();
        assertThat(rejected.getMessage()).as(what).startsWith(message);
        assertThat(rejected.status()).as(what).isEqualTo(status);
    }

    private static Arguments bad(String what, Upload upload, UploadLimits limits, int status, String message) {
        return Arguments.of(what, upload, limits, status, message);
    }

    private static Upload tar(TarGz tar) {
        return upload(tar.bytes(), Map.of("testbed", "lab"));
    }

    private static TarGz files(int count) {
        TarGz tar = new TarGz().file("context.json", CONTEXT);
        for (int i = 1; i < count; i++) {
            tar.file("f" + i + ".txt", "x");
        }
        return tar;
    }

    /** Bytes gzip cannot shrink, so the body itself is large. */
    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new java.util.Random(14).nextBytes(bytes);
        return bytes;
    }
}
