package dev.mpunit.engine.execution;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.scheduling.Bartender;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.mpunit.hardware.Reaper;
import dev.mpunit.hardware.testbed.TentacleSpec;
import dev.mpunit.hardware.testbed.Testbed;

/**
 * Builds each variant's firmware in the background ({@code micropython.firmware.build}), one after
 * the other, the variant with the most files first. Only a variant's own work waits for its build;
 * a build that fails (or runs out of time) fails that variant's tests with the build's last lines.
 * The command is run by {@code sh -c} with {@code {variant}}, {@code {board}} and
 * {@code {build_variant}} replaced; its output goes to {@code builds/<variant>.log} in the cache.
 */
final class FirmwareBuilds {

    private static final int TAIL_LINES = 20;

    private final EngineConfiguration configuration;
    private final Testbed testbed;
    private final Bartender bartender;
    private final Outcomes outcomes;
    private Thread thread;
    private volatile boolean cancelled;
    private volatile Process current;

    FirmwareBuilds(EngineConfiguration configuration, Testbed testbed, Bartender bartender, Outcomes outcomes) {
        this.configuration = configuration;
        this.testbed = testbed;
        this.bartender = bartender;
        this.outcomes = outcomes;
    }

    /** Marks every variant building and starts the builds; the variants' work is held back until each is done. */
    void start(Map<String, Integer> filesPerVariant) {
        List<String> order = new ArrayList<>(filesPerVariant.keySet());
        order.sort((a, b) -> Integer.compare(filesPerVariant.get(b), filesPerVariant.get(a)));
        order.forEach(bartender::building);
        thread = new Thread(() -> order.forEach(this::buildOrFail), "mpunit-firmware-builds");
        thread.setDaemon(true);
        thread.start();
    }

    /** Fail-fast: the running build is stopped and no other starts; their variants' tests end unrun. */
    void cancel() {
        cancelled = true;
        Process process = current;
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    /** Waits for the builds to end, so a failed build's tests are ended before the engine is. */
    void awaitEnd() {
        if (thread == null) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void buildOrFail(String variant) {
        if (cancelled) {
            bartender.buildFailed(variant);
            return;
        }
        try {
            build(variant);
        } catch (RuntimeException e) {
            // A variant left "building" would keep its tentacles waiting for ever.
            fail(variant, "the firmware build for " + variant + " could not be run: " + e);
        }
    }

    private void build(String variant) {
        String command = command(variant);
        Path log = configuration.run().cacheDirectory().resolve("builds")
                .resolve(variant.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
        String failure;
        try {
            Files.createDirectories(log.getParent());
            Process process = Reaper.start(new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()));
            current = process;
            process.getOutputStream().close();
            if (!process.waitFor(configuration.testbed().firmwareBuildTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                failure = "did not finish within " + configuration.testbed().firmwareBuildTimeout().toSeconds() + " s ("
                        + ConfigurationKeys.FIRMWARE_BUILD_TIMEOUT + ")";
            } else if (process.exitValue() != 0) {
                failure = "failed (exit " + process.exitValue() + ")";
            } else {
                current = null;
                bartender.built(variant);
                return;
            }
        } catch (IOException e) {
            failure = "could not be started: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "was interrupted";
        }
        current = null;
        if (cancelled) {
            // Its tests end as not run (cancelled), with the rest.
            bartender.buildFailed(variant);
            return;
        }
        fail(variant, "the firmware build for " + variant + " " + failure + "; the command was: " + command
                + "; its output is in " + log + tail(log));
    }

    private void fail(String variant, String message) {
        outcomes.buildFailed(bartender.buildFailed(variant), message);
    }

    private String command(String variant) {
        String board = variant;
        String buildVariant = "";
        for (TentacleSpec tentacle : testbed.tentacles()) {
            if (tentacle.variants().contains(variant)) {
                board = tentacle.board();
                buildVariant = variant.length() > board.length() ? variant.substring(board.length() + 1) : "";
                break;
            }
        }
        return configuration.testbed().firmwareBuild().orElseThrow().replace("{variant}", variant).replace("{board}", board)
                .replace("{build_variant}", buildVariant);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                return " (empty)";
            }
            return ", ending:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES),
                    lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
