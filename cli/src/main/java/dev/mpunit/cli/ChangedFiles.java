package dev.mpunit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The paths a change touched, relative to the MicroPython checkout's top: from git
 * ({@code git diff --name-only <ref>...HEAD}, what a pull request shows against its base) or from a list.
 *
 * @param paths  each once, in the order given
 * @param source where they came from, for the listing
 */
record ChangedFiles(List<String> paths, String source) {

    ChangedFiles {
        paths = List.copyOf(new LinkedHashSet<>(paths));
    }

    /**
     * @param git the git command ({@code git}, found on the PATH)
     * @throws IllegalArgumentException git missing, not a repository, or a ref it does not know (one line)
     */
    static ChangedFiles since(String git, Path checkout, String ref) {
        String range = ref + "...HEAD";
        List<String> command = List.of(git, "-C", checkout.toString(), "diff", "--name-only", "-z", range, "--");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new IllegalArgumentException("--changed-since needs git, which cannot be started (" + e.getMessage()
                    + "): install git, or give the changed files with --changed-files <file>");
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<byte[]> errors = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] output = process.getInputStream().readAllBytes();
            int exit = process.waitFor();
            if (exit != 0) {
                String why = new String(errors.join(), StandardCharsets.UTF_8).lines().map(String::strip)
                        .filter(line -> !line.isEmpty()).findFirst().orElse("exit code " + exit);
                throw new IllegalArgumentException("--changed-since " + ref + ": git diff --name-only " + range + " in "
                        + checkout + " failed: " + why + " (give a branch, tag or commit that checkout has, e.g. origin/master)");
            }
            List<String> paths = Arrays.stream(new String(output, StandardCharsets.UTF_8).split("\0"))
                    .filter(path -> !path.isEmpty()).toList();
            return new ChangedFiles(paths, "git diff --name-only " + range + " in " + checkout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalArgumentException("--changed-since " + ref + ": interrupted while git ran");
        }
    }

    /** One path a line, relative to the checkout's top; blank lines and {@code #} comments left out. */
    static ChangedFiles listed(String text, String source) {
        return new ChangedFiles(text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.startsWith("./") ? line.substring(2) : line).toList(), source);
    }

    /** @throws IllegalArgumentException a list that cannot be read (one line) */
    static ChangedFiles listed(String file, InputStream stdin) {
        try {
            if (file.equals("-")) {
                return listed(new String(stdin.readAllBytes(), StandardCharsets.UTF_8), "standard input");
            }
            return listed(Files.readString(Path.of(file)), file);
        } catch (IOException e) {
            throw new IllegalArgumentException("--changed-files " + file + " cannot be read (" + e.getMessage()
                    + "): give a file of changed paths, one a line, or - for standard input");
        }
    }

    private static byte[] readAll(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            in.transferTo(bytes);
        } catch (IOException e) {
            // What git said is only the message's detail.
        }
        return bytes.toByteArray();
    }
}
