package dev.mpunit.engine.verdict;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.mpunit.hardware.Reaper;

/**
 * Compares the skip tables of a tree's {@code run-tests.py} with the engine's
 * {@link RunTestsTables}, which were transcribed from one run-tests.py: a tree of another
 * MicroPython version may skip other files. The tree's tables are read by
 * {@code run_tests_tables.py} (with Python's {@code ast}, never run) under CPython; the script and
 * a listing of the engine's tables are written to a folder of the cache, where the user runs the
 * same script to list the differences.
 */
public final class RunTestsComparison {

    /** The script, in this package's resources and in {@link #folder()}. */
    public static final String SCRIPT = "run_tests_tables.py";

    /** The engine's tables, one entry a line, in {@link #folder()}. */
    public static final String ENGINE_TABLES = "engine-tables.txt";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<String> python;
    private final Path folder;

    /**
     * @param python the CPython command ({@code micropython.cpython}), split into words
     * @param folder where the script and the engine's listing are written, in the cache
     */
    public RunTestsComparison(List<String> python, Path folder) {
        this.python = List.copyOf(python);
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /**
     * What to tell the user about a tree's run-tests.py: nothing when its tables are the engine's,
     * else which tables differ (or why they could not be read) and the command that lists how.
     */
    public Optional<String> check(Path runTestsPy) {
        String command = command(runTestsPy);
        SortedSet<String> tree;
        try {
            tree = treeTables(runTestsPy);
        } catch (IOException e) {
            return Optional.of(runTestsPy + ": cannot read its skip tables (" + e.getMessage()
                    + "); the engine's were transcribed from one run-tests.py and may skip other files than this one"
                    + ". To see why: " + command);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        List<String> differing = differingTables(RunTestsTables.listing(), tree);
        if (differing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(runTestsPy + " differs from the run-tests.py the engine's skip tables were transcribed from,"
                + " in " + String.join(", ", differing) + ": a file listed there may be skipped by one and run by the"
                + " other. List the differences: " + command);
    }

    /** The tables whose entries differ, in order of their names. */
    static List<String> differingTables(SortedSet<String> engine, SortedSet<String> tree) {
        SortedSet<String> names = new TreeSet<>();
        for (String line : engine) {
            if (!tree.contains(line)) {
                names.add(table(line));
            }
        }
        for (String line : tree) {
            if (!engine.contains(line)) {
                names.add(table(line));
            }
        }
        return List.copyOf(names);
    }

    private static String table(String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? line : line.substring(0, tab);
    }

    /** The command that prints the differences; it works once {@link #check} has written the folder. */
    public String command(Path runTestsPy) {
        List<String> words = new ArrayList<>(python);
        words.add(folder.resolve(SCRIPT).toString());
        words.add(runTestsPy.toString());
        words.add(folder.resolve(ENGINE_TABLES).toString());
        return words.stream().map(RunTestsComparison::quoted).collect(Collectors.joining(" "));
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    private SortedSet<String> treeTables(Path runTestsPy) throws IOException, InterruptedException {
        Files.createDirectories(folder);
        byte[] script;
        try (InputStream in = RunTestsComparison.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the engine's jar");
            }
            script = in.readAllBytes();
        }
        writeIfChanged(folder.resolve(SCRIPT), script);
        writeIfChanged(folder.resolve(ENGINE_TABLES),
                (String.join("\n", RunTestsTables.listing()) + "\n").getBytes(StandardCharsets.UTF_8));
        // Discovery runs this on every run of a tree (an IDE re-running one test too): a tree's
        // run-tests.py seldom changes, so what the script read from it is kept by both contents.
        Path listing = folder.resolve("tables-" + digest(script, Files.readAllBytes(runTestsPy)) + ".txt");
        if (!Files.isRegularFile(listing)) {
            Path output = Files.createTempFile(folder, "tables-", ".tmp");
            try {
                List<String> command = new ArrayList<>(python);
                command.add(folder.resolve(SCRIPT).toString());
                command.add(runTestsPy.toString());
                // Through the reaper, as every process the engine starts: it ends when the JVM does.
                Process process = Reaper.start(new ProcessBuilder(command).redirectOutput(output.toFile())
                        .redirectError(ProcessBuilder.Redirect.DISCARD));
                process.getOutputStream().close();
                if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", python) + " took more than " + TIMEOUT.toSeconds() + " s");
                }
                if (process.exitValue() != 0) {
                    throw new IOException(String.join(" ", python) + " " + SCRIPT + " exited with " + process.exitValue());
                }
                // Within one folder: a rename, so another JVM never reads half a listing.
                Files.move(output, listing, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(output);
            }
        }
        return new TreeSet<>(Files.readAllLines(listing, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isEmpty()).toList());
    }

    private static String digest(byte[] script, byte[] runTestsPy) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(script);
            sha.update((byte) 0);
            sha.update(runTestsPy);
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Several JVMs may share the cache: each writes whole files, moved into place in one step. */
    private static void writeIfChanged(Path file, byte[] content) throws IOException {
        if (Files.isRegularFile(file) && java.util.Arrays.equals(Files.readAllBytes(file), content)) {
            return;
        }
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.write(temporary, content);
            // Within one folder: a rename, which replaces the old file in one step.
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
