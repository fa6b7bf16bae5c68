package dev.mpunit.server.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * Turns what a testbed pushes into a checked {@link ParsedRun}: an mpunit or Octoprobe results
 * folder as tar.gz, JUnit XML (one file, or a tar.gz of several), run-tests.py's {@code _results.json}.
 * {@code ?format=} forces the parser, otherwise the upload's content says which. Everything is read
 * and checked in memory before anything is stored: a refused upload leaves nothing behind.
 */
public final class Uploads {

    /** What a bare XML body is kept as among the run's files. */
    static final String XML_FILE = "junit.xml";

    private Uploads() {
    }

    /**
     * @throws UploadRejected 400 with what is wrong (a corrupt archive, an entry leaving its folder, malformed
     *         JSON or XML, a format that does not fit, a missing testbed), 413 over a limit
     */
    public static ParsedRun parse(Upload upload, UploadLimits limits) throws UploadRejected {
        Optional<Format> forced = upload.format().filter(word -> !word.isBlank()).isPresent()
                ? Optional.of(Format.of(upload.format().get())) : Optional.empty();
        byte[] body = upload.body();
        boolean archive = ArchiveReader.gzip(body);
        if (body.length > limits.maxBodyBytes()) {
            throw new UploadRejected(413, (archive ? "archive" : "upload") + " over the limit: " + body.length
                    + " bytes sent, at most " + limits.maxBodyBytes() + " (--max-upload-mb)");
        }
        String sha256 = ParsedRun.sha256(body);
        if (archive) {
            UploadFolder files = ArchiveReader.read(body, limits);
            Format format = forced.isPresent() ? fits(forced.get(), files) : recognise(files);
            return run(format, files, upload, sha256);
        }
        int first = firstSignificant(body);
        if (first < 0) {
            throw new UploadRejected(400, "the upload is empty: send a results folder as tar.gz, JUnit XML or"
                    + " run-tests.py's _results.json");
        }
        if (body[first] == '<') {
            requireFormat(forced, Format.JUNIT, "XML");
            UploadFolder files = UploadFolder.of(Map.of(XML_FILE, body));
            return run(Format.JUNIT, files, upload, sha256);
        }
        if (body[first] == '{') {
            requireFormat(forced, Format.RUN_TESTS, "JSON");
            JsonFile json = JsonFile.parse(MpunitFolderParser.RESULTS, body);
            if (forced.isEmpty() && !RunTestsResults.looksLike(json.root())) {
                throw new UploadRejected(400, "the JSON upload is not run-tests.py's _results.json (it has no results,"
                        + " passed_tests or failed_tests); an mpunit or Octoprobe results folder is sent as a tar.gz");
            }
            UploadFolder files = UploadFolder.of(Map.of(MpunitFolderParser.RESULTS, body));
            return run(Format.RUN_TESTS, files, upload, sha256);
        }
        throw new UploadRejected(400, "the upload is neither a tar.gz, XML nor JSON (it starts with bytes "
                + HexFormat.ofDelimiter(" ").formatHex(body, 0, Math.min(4, body.length)) + zipHint(body)
                + "): send a results folder as tar.gz (tar czf run.tar.gz -C <folder> .), JUnit XML or"
                + " run-tests.py's _results.json");
    }

    private static ParsedRun run(Format format, UploadFolder files, Upload upload, String sha256) throws UploadRejected {
        ParsedContent content = parse(format, files, upload);
        Map<String, byte[]> written = content.writtenFiles();
        List<UploadedFile> stored = new ArrayList<>();
        for (UploadedFile file : files.uploadedFiles()) {
            stored.add(written.containsKey(file.path())
                    ? new UploadedFile(file.path(), TokenRedactor.redact(written.get(file.path()))) : file);
        }
        written.forEach((path, bytes) -> {
            if (!files.has(path)) {
                stored.add(new UploadedFile(path, TokenRedactor.redact(bytes)));
            }
        });
        return FieldLengths.checked(new ParsedRun(format.word(), content.run(), content.testRuns(), stored, sha256,
                content.records()));
    }

    private static ParsedContent parse(Format format, UploadFolder files, Upload upload) throws UploadRejected {
        return switch (format) {
            case MPUNIT -> MpunitFolderParser.parse(files, upload);
            case OCTOPROBE -> OctoprobeFolderParser.parse(files, upload);
            case JUNIT -> JunitXmlParser.parse(files, xmlFiles(files, true), upload);
            case RUN_TESTS -> {
                List<String> paths = files.pathsNamed(MpunitFolderParser.RESULTS);
                if (paths.isEmpty()) {
                    throw new UploadRejected(400, "format=run-tests: no _results.json in the upload");
                }
                yield RunTestsParser.parse(files, paths, upload);
            }
        };
    }

    /**
     * Which format an archive is in. A {@code context.json} at the root makes a results folder: Octoprobe's
     * when it names the testbed as {@code testbed_name} (but mpunit's when a test run has both
     * {@code context_test.json} and {@code context_testgroup.json}, as mpunit writes them, its
     * {@code context.json} in Octoprobe's shape), mpunit's when it names it as {@code testbed}; else
     * mpunit's when a test run has {@code context_test.json}, Octoprobe's when one has only
     * {@code context_testgroup.json} (mpunit's test runs have both). Without one, JUnit XML files, else
     * {@code _results.json} files.
     */
    static Format recognise(UploadFolder files) throws UploadRejected {
        Optional<byte[]> context = files.file(RunContext.CONTEXT);
        if (context.isPresent()) {
            JsonNode root = JsonFile.parse(RunContext.CONTEXT, context.get()).object();
            if (root.has("testbed_name")) {
                return hasBothRunFiles(files) ? Format.MPUNIT : Format.OCTOPROBE;
            }
            if (root.has("testbed") || !files.foldersWith(MpunitFolderParser.CONTEXT_TEST).isEmpty()) {
                return Format.MPUNIT;
            }
            if (!files.foldersWith(OctoprobeFolderParser.CONTEXT_TESTGROUP).isEmpty()) {
                return Format.OCTOPROBE;
            }
            throw new UploadRejected(400, "context.json names no testbed (neither testbed nor testbed_name) and no"
                    + " test run folder has context_test.json or context_testgroup.json: not an mpunit or Octoprobe"
                    + " results folder; give ?format= if it is one");
        }
        if (!xmlFiles(files, false).isEmpty()) {
            return Format.JUNIT;
        }
        if (!files.pathsNamed(MpunitFolderParser.RESULTS).isEmpty()) {
            return Format.RUN_TESTS;
        }
        throw new UploadRejected(400, "not a results folder: no context.json, no JUnit XML, no _results.json");
    }

    /** Whether a test run has both per-run files, as only mpunit writes them (Octoprobe has one or the other). */
    static boolean hasBothRunFiles(UploadFolder files) {
        return files.foldersWith(MpunitFolderParser.CONTEXT_TEST).stream()
                .anyMatch(files.foldersWith(OctoprobeFolderParser.CONTEXT_TESTGROUP)::contains);
    }

    /** A forced format, when the archive has what it needs; else why not. */
    private static Format fits(Format format, UploadFolder files) throws UploadRejected {
        if (format == Format.MPUNIT || format == Format.OCTOPROBE) {
            byte[] context = files.file(RunContext.CONTEXT).orElseThrow(() -> new UploadRejected(400,
                    "format=" + format.word() + ": no context.json at the archive's root"));
            JsonNode root = JsonFile.parse(RunContext.CONTEXT, context).object();
            if (format == Format.MPUNIT && !root.has("testbed") && files.foldersWith(MpunitFolderParser.CONTEXT_TEST).isEmpty()) {
                throw new UploadRejected(400, "format=mpunit: context.json has no testbed and no folder has"
                        + " context_test.json" + (root.has("testbed_name") ? " (testbed_name: try format=octoprobe)" : ""));
            }
            if (format == Format.OCTOPROBE && !root.has("testbed_name")
                    && files.foldersWith(OctoprobeFolderParser.CONTEXT_TESTGROUP).isEmpty()) {
                throw new UploadRejected(400, "format=octoprobe: no */context_testgroup.json and context.json has no"
                        + " testbed_name");
            }
        }
        return format;
    }

    /** The {@code .xml} files that hold a {@code <testsuite}. */
    private static List<String> xmlFiles(UploadFolder files, boolean required) throws UploadRejected {
        List<String> paths = files.files().entrySet().stream()
                .filter(file -> file.getKey().endsWith(".xml"))
                .filter(file -> new String(file.getValue(), StandardCharsets.UTF_8).contains("<testsuite"))
                .map(Map.Entry::getKey)
                .toList();
        if (required && paths.isEmpty()) {
            throw new UploadRejected(400, "format=junit: no JUnit XML (an .xml file with a <testsuite>) in the upload");
        }
        return paths;
    }

    private static void requireFormat(Optional<Format> forced, Format fits, String kind) throws UploadRejected {
        if (forced.isPresent() && forced.get() != fits) {
            throw new UploadRejected(400, "format=" + forced.get().word() + " needs "
                    + (forced.get() == Format.JUNIT ? "JUnit XML" : forced.get() == Format.RUN_TESTS
                            ? "run-tests.py's _results.json" : "a tar.gz of the results folder")
                    + ", the upload is " + kind);
        }
    }

    /** Where the content starts after a byte-order mark and white space; -1 when it is all white space. */
    private static int firstSignificant(byte[] body) {
        int i = body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf
                ? 3 : 0;
        while (i < body.length && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
            i++;
        }
        return i < body.length ? i : -1;
    }

    private static String zipHint(byte[] body) {
        return body.length >= 2 && body[0] == 'P' && body[1] == 'K' ? ", a zip archive, which is not read" : "";
    }
}
