package dev.mpunit.server.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.server.ServerMain;

/**
 * {@code mpunit serve} in a JVM of its own, on this test's class path, so that a test can kill it
 * the way a crash or a power cut would ({@link Process#destroyForcibly()}: no shutdown hook runs).
 * Everything it prints is kept, to look for what must never be printed.
 */
final class ChildServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("mpunit results server on (http://\\S+/)");

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final URI uri;

    ChildServer(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServerMain.class.getName(), "--port", "0"));
        command.addAll(arguments);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread reading = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                        output.notifyAll();
                    }
                    Matcher matcher = LISTENING.matcher(line);
                    if (matcher.find()) {
                        listening.complete(URI.create(matcher.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
            listening.completeExceptionally(new IllegalStateException("the server ended before it listened:\n" + output));
        }, "child-server-output");
        reading.setDaemon(true);
        reading.start();
        try {
            uri = listening.get(2, TimeUnit.MINUTES);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("the server did not start: " + e.getMessage() + "\n" + output, e);
        }
    }

    /** Waits (2 minutes at most) until the server prints a line holding the pattern; the line. */
    String awaitLine(Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        synchronized (output) {
            while (true) {
                Matcher matcher = pattern.matcher(output);
                if (matcher.find()) {
                    int start = output.lastIndexOf("\n", matcher.start()) + 1;
                    int end = output.indexOf("\n", matcher.end());
                    return output.substring(start, end < 0 ? output.length() : end);
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the server " + (process.isAlive() ? "did not print " : "ended without printing ")
                            + pattern + " in 2 minutes:\n" + output);
                }
                output.wait(1000);
            }
        }
    }

    URI uri() {
        return uri;
    }

    String output() {
        return output.toString();
    }

    /** Kills it with no warning and waits until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
