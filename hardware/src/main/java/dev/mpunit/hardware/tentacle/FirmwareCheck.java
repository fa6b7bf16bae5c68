package dev.mpunit.hardware.tentacle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * the build's. Firmware without {@code _build} is compared by its version alone, and only when the
 * firmware's record gives one; its {@code sys.version} may be the language version alone
 * ({@code 3.4.0} on v1.9.2), so the firmware's own version ({@code os.uname().version}) stands in then.
 */
public final class FirmwareCheck {

    /**
     * Prints one {@code key:value} line each; {@code _build} and {@code _machine} may be missing, and
     * a {@code sys.version} that does not name MicroPython is replaced by {@code os.uname().version}.
     */
    static final String SNIPPET = """
            import sys
            v = sys.version
            if 'MicroPython' not in v:
                import os
                v = os.uname().version
            print('version:' + v)
            print('build:' + str(getattr(sys.implementation, '_build', '')))
            print('machine:' + str(getattr(sys.implementation, '_machine', '')))
            """;

    private static final Timeouts TIMEOUTS = new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3),
            Duration.ofSeconds(5));

    /**
     * What the board runs.
     *
     * @param version {@code sys.version} ({@code 3.4.0; MicroPython v1.24.1 on 2024-11-29}), or
     *     {@code os.uname().version} when {@code sys.version} does not name MicroPython
     *     ({@code micro:bit v1.0.1 …; MicroPython v1.9.2-34-gd64154c73 on 2017-09-01})
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

        /**
         * What {@code firmware} reports once running: its record beside it ({@code firmware.json} for
         * {@code firmware.uf2}, {@code RPI_PICO2.json} for {@code RPI_PICO2.uf2}: {@code "build"} and
         * optionally {@code "version"}), else the variant's name as {@code sys.implementation._build}.
         *
         * @throws IllegalArgumentException when the record is there but cannot be read or names no build
         */
        public static Expected beside(Path firmware, String variant) {
            String name = firmware.getFileName().toString();
            int dot = name.lastIndexOf('.');
            Path record = firmware.resolveSibling((dot < 0 ? name : name.substring(0, dot)) + ".json");
            if (!Files.isRegularFile(record)) {
                return new Expected("", variant);
            }
            try {
                return fromJson(Files.readString(record));
            } catch (IOException e) {
                throw new IllegalArgumentException("the firmware record " + record + " cannot be read: "
                        + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(record + ": " + e.getMessage() + ": give the build it reports as"
                        + " sys.implementation._build, or remove the file to compare with the variant's name", e);
            }
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
            // The board cannot say which build it is: its version is all there is to compare.
            if (expected.version().isEmpty()) {
                return new Verdict(false, "the installed firmware has no sys.implementation._build (older than"
                        + " MicroPython 1.22?) and the firmware record gives no version to compare: "
                        + installed.version(), installed);
            }
            if (!installed.version().equals(expected.version())) {
                return new Verdict(false, "version " + installed.version() + " installed, " + expected.version()
                        + " wanted (no sys.implementation._build: compared by version)", installed);
            }
            return new Verdict(true, "already installed: " + installed.version()
                    + " (no sys.implementation._build: compared by version)", installed);
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
