package dev.mpunit.hardware.tentacle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.hardware.board.Outcome;
import dev.mpunit.hardware.board.RawRepl;
import dev.mpunit.hardware.board.Timeouts;

/**
 * Whether a board already runs the wanted firmware, so that flashing can be skipped: compares
 * {@code sys.version} and {@code sys.implementation._build} (absent before MicroPython 1.22) with
 * the build's.
 */
public final class FirmwareCheck {

    /** Prints one {@code key:value} line each; {@code _build} and {@code _machine} may be missing. */
    static final String SNIPPET = """
            import sys
            print('version:' + sys.version)
            print('build:' + str(getattr(sys.implementation, '_build', '')))
            print('machine:' + str(getattr(sys.implementation, '_machine', '')))
            """;

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(5));

    /**
     * What the board runs.
     *
     * @param version {@code sys.version} ({@code 3.4.0; MicroPython v1.24.1 on 2024-11-29})
     * @param build {@code sys.implementation._build} ({@code RPI_PICO2-RISCV}); empty on older firmware
     * @param machine {@code sys.implementation._machine}, empty when absent
     */
    public record Installed(String version, String build, String machine) {}

    /**
     * The firmware a build produced.
     *
     * @param version the {@code sys.version} it reports; empty to compare the build alone
     * @param build the {@code sys.implementation._build} it reports
     */
    public record Expected(String version, String build) {

        public Expected {
            version = version == null ? "" : version.strip();
            build = Objects.requireNonNull(build, "build").strip();
        }

        /** From a {@code firmware.json}-like record: {@code "version"} (or {@code "sys_version"}) and {@code "build"}. */
        public static Expected fromJson(String json) {
            String version = field(json, "version").or(() -> field(json, "sys_version")).orElse("");
            String build = field(json, "build").or(() -> field(json, "_build")).orElseThrow(
                    () -> new IllegalArgumentException("no \"build\" in the firmware record: " + json.strip()));
            return new Expected(version, build);
        }

        private static Optional<String> field(String json, String key) {
            Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                    .matcher(json);
            return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
        }
    }

    /**
     * The comparison.
     *
     * @param matches whether the board runs the expected firmware (flashing may be skipped)
     * @param reason why not, or {@code already installed: …}
     */
    public record Verdict(boolean matches, String reason, Installed installed) {}

    private FirmwareCheck() {}

    /** Runs {@link #SNIPPET} at the raw prompt (enter the raw REPL first). */
    public static Installed read(RawRepl repl) throws IOException, TentacleException {
        Outcome outcome = repl.exec(SNIPPET.getBytes(StandardCharsets.UTF_8), TIMEOUTS, null);
        if (outcome.ending() != Outcome.Ending.COMPLETED || outcome.stderr().length > 0) {
            throw new TentacleException(repl.link().name() + ": could not read the firmware version ("
                    + outcome.ending() + (outcome.stderr().length > 0 ? ": " + outcome.stderrText().strip() : "")
                    + ")");
        }
        return parse(outcome.stdoutText());
    }

    static Installed parse(String printed) throws TentacleException {
        String version = null;
        String build = "";
        String machine = "";
        for (String line : printed.split("\r?\n")) {
            if (line.startsWith("version:")) {
                version = line.substring(8).strip();
            } else if (line.startsWith("build:")) {
                build = line.substring(6).strip();
            } else if (line.startsWith("machine:")) {
                machine = line.substring(8).strip();
            }
        }
        if (version == null) {
            throw new TentacleException("the board did not print its sys.version: " + printed.strip());
        }
        return new Installed(version, build, machine);
    }

    /** Compares what is installed with what is wanted. */
    public static Verdict compare(Installed installed, Expected expected) {
        if (installed.build().isEmpty()) {
            return new Verdict(false, "the installed firmware has no sys.implementation._build (older than"
                    + " MicroPython 1.22?): " + installed.version(), installed);
        }
        if (!installed.build().equals(expected.build())) {
            return new Verdict(false, "build " + installed.build() + " installed, " + expected.build() + " wanted",
                    installed);
        }
        if (!expected.version().isEmpty() && !installed.version().equals(expected.version())) {
            return new Verdict(false, "version " + installed.version() + " installed, " + expected.version()
                    + " wanted", installed);
        }
        return new Verdict(true, "already installed: " + installed.build() + ", " + installed.version(), installed);
    }

    /** {@link #read} then {@link #compare}. */
    public static Verdict check(RawRepl repl, Expected expected) throws IOException, TentacleException {
        return compare(read(repl), expected);
    }
}
