package dev.mpunit.reporting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.mpunit.contract.PerfbenchLine;

/**
 * The verdicts a results folder holds, read back from its files: each test run's
 * {@code context_test.json}, else its {@code _results.json} (a folder of run-tests.py's alone
 * is one run). Only the formats of docs/results-folder.md are read.
 */
record FolderResults(Map<String, Run> runs) {

    /**
     * One group on one variant: test name → result ({@code pass}, {@code fail}, …); for RUN-PERFBENCH,
     * test name → the line of each benchmark that passed ({@code text} of {@code context_test.json}).
     */
    record Run(String group, String variant, Map<String, String> results, Map<String, String> perfbench) {

        Run(String group, String variant, Map<String, String> results) {
            this(group, variant, results, Map.of());
        }

        String key() {
            return FileNames.runFolder(group, variant);
        }
    }

    /** @throws IOException naming what is missing or unreadable */
    static FolderResults read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + " is not a folder");
        }
        Map<String, Run> runs = new TreeMap<>();
        List<Path> candidates;
        try (Stream<Path> children = Files.list(folder)) {
            candidates = Stream.concat(Stream.of(folder), children.filter(Files::isDirectory).sorted()).toList();
        }
        for (Path candidate : candidates) {
            Run run = readRun(candidate);
            if (run != null) {
                runs.put(run.key(), run);
            }
        }
        if (runs.isEmpty()) {
            throw new IOException(folder + " holds no context_test.json or _results.json: not a results folder");
        }
        return new FolderResults(runs);
    }

    private static Run readRun(Path folder) throws IOException {
        Path contextTest = folder.resolve("context_test.json");
        Path runTests = folder.resolve("_results.json");
        String fallback = folder.getFileName() == null ? "?" : folder.getFileName().toString();
        try {
            if (Files.isRegularFile(contextTest)) {
                Map<String, Object> json = object(contextTest);
                Map<String, String> results = new TreeMap<>();
                Map<String, String> perfbench = new TreeMap<>();
                for (Object element : list(json.get("results"))) {
                    Map<?, ?> result = (Map<?, ?>) element;
                    results.put((String) result.get("name"), (String) result.get("result"));
                    if ("pass".equals(result.get("result")) && result.get("text") instanceof String line
                            && PerfbenchLine.parse(line).isPresent()) {
                        perfbench.put((String) result.get("name"), line);
                    }
                }
                String group = text(json.get("testgroup"), fallback);
                return new Run(group, text(json.get("port-variant"), fallback), results,
                        group.equals(BaselineComparison.PERFBENCH) ? perfbench : Map.of());
            }
            if (Files.isRegularFile(runTests)) {
                Map<String, Object> json = object(runTests);
                Map<?, ?> args = json.get("args") instanceof Map<?, ?> map ? map : Map.of();
                Map<String, String> results = new TreeMap<>();
                for (Object element : list(json.get("results"))) {
                    List<?> result = (List<?>) element;
                    results.put((String) result.get(0), (String) result.get(1));
                }
                return new Run(text(args.get("group"), fallback), text(args.get("target"), fallback), results);
            }
            return null;
        } catch (RuntimeException e) {
            // A cast, a missing field, broken JSON: the file is not in the documented format.
            throw new IOException("cannot read the results in " + folder + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Path file) throws IOException {
        return (Map<String, Object>) JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static List<?> list(Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("\"results\" is not an array");
        }
        return list;
    }

    private static String text(Object value, String fallback) {
        return value instanceof String s && !s.isBlank() ? s : fallback;
    }
}
