package dev.mpunit.engine.execution;

import dev.mpunit.engine.WebAssemblyAvailable;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.configuration.EngineConfigurationTest;
import dev.mpunit.engine.descriptor.TestsRoot;
import dev.mpunit.engine.tentacle.TargetSpec;
import dev.mpunit.engine.tentacle.Targets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.engine.verdict.FeatureChecks;
import dev.mpunit.engine.verdict.Profiles;
import dev.mpunit.engine.verdict.TargetProfile;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;

/** Probing a variant: the feature checks on the real webassembly MicroPython, and on a paced board. */
class VariantRuntimeTest {

    @TempDir
    Path temp;

    /**
     * The only check that the outputs the verdict tests are written against ({@link Profiles}) are
     * what the real interpreter prints. The engine's default configuration: its cache directory and
     * webassembly version, installed with npm on first use, and its own target.
     */
    @Test
    void theFeatureChecksPrintOnWebassemblyWhatTheVerdictTestsAssume(@TempDir Path checks) throws Exception {
        WebAssemblyAvailable.assumeNode();
        for (FeatureChecks.Check check : FeatureChecks.ALL) {
            Files.write(checks.resolve(check.script()), FeatureChecks.bundledScript(check.script()));
        }
        ConfigurationParameters parameters = EngineConfigurationTest.parameters(Map.of());
        EngineConfiguration configuration = EngineConfiguration.from(parameters);
        VariantRuntime runtime = new VariantRuntime(TargetSpec.WEBASSEMBLY, false, checks);
        Map<String, byte[]> outputs;
        try (Target target = new Targets(configuration, parameters)
                .factory(configuration.targets().entries().get(0), "webassembly#1").open(TargetSpec.WEBASSEMBLY)) {
            outputs = runtime.featureCheckOutputs(target, checks.resolve("none-in-the-tree"));
        }
        assertThat(text(outputs)).isEqualTo(text(Profiles.webassemblyOutputs()));
        assertThat(FeatureChecks.profile(outputs, ByteOrder.nativeOrder()))
                .isEqualTo(FeatureChecks.profile(Profiles.webassemblyOutputs(), ByteOrder.nativeOrder()));
    }

    /** Byte for byte, readable in a failure. */
    private static Map<String, String> text(Map<String, byte[]> outputs) {
        Map<String, String> text = new TreeMap<>();
        outputs.forEach((script, output) -> text.put(script, new String(output, StandardCharsets.ISO_8859_1)));
        return text;
    }

    /**
     * A paced board whose native check arrived damaged: the first run crashed with a SyntaxError,
     * the careful one prints what the firmware really supports.
     */
    @Test
    void aCrashedFeatureCheckIsBelievedOnlyOnceTheCarefulRunAgrees() throws Exception {
        PacedBoard board = new PacedBoard("native_check.py", "native\n");
        TargetProfile profile = new VariantRuntime("MICROBIT", false, temp.resolve("checks"))
                .profile(board, new TestsRoot(temp.resolve("tests"), false));

        assertThat(profile.nativeEmitter()).as("the careful run's answer stands").isTrue();
        assertThat(board.carefulRuns).contains("native_check.py");
    }

    /**
     * A paced board that lost a digit of int_big.py's literal: the damaged script still ran and
     * printed another number, which reads as "no big integers" unless the careful run is asked.
     */
    @Test
    void aFeatureCheckThatAnswersNoIsAskedAgainCarefully() throws Exception {
        PacedBoard board = new PacedBoard("int_big.py", "100000000000000000000000000000000000000000000\n",
                Execution.Ending.COMPLETED, "1000000000000000000000000000000000000000000000\n");
        TargetProfile profile = new VariantRuntime("MICROBIT", false, temp.resolve("checks"))
                .profile(board, new TestsRoot(temp.resolve("tests"), false));

        assertThat(profile.intBig()).as("the careful run's answer stands").isTrue();
        assertThat(board.carefulRuns).contains("int_big.py").doesNotContain("target_info.py", "inlineasm.py");
    }

    @Test
    void aFeatureCheckThatAnswersNoCarefullyTooReadsAsNotSupported() throws Exception {
        PacedBoard board = new PacedBoard("int_big.py", "1\n", Execution.Ending.COMPLETED, "1\n");
        TargetProfile profile = new VariantRuntime("MICROBIT", false, temp.resolve("checks"))
                .profile(board, new TestsRoot(temp.resolve("tests"), false));

        assertThat(profile.intBig()).isFalse();
    }

    @Test
    void aCheckThatCrashesCarefullyTooReadsAsNotSupported() throws Exception {
        PacedBoard board = new PacedBoard("native_check.py", null);
        TargetProfile profile = new VariantRuntime("MICROBIT", false, temp.resolve("checks"))
                .profile(board, new TestsRoot(temp.resolve("tests"), false));

        assertThat(profile.nativeEmitter()).isFalse();
        assertThat(board.carefulRuns).contains("native_check.py");
    }

    /**
     * Answers every check the same way each time (an empty "no" but for target_info.py), except one
     * whose first transfer is damaged: it then answers {@code damagedAnswer}, and carefully
     * {@code carefulAnswer} (a crash when null).
     */
    private static final class PacedBoard implements Target {
        private final String damaged;
        private final String damagedAnswer;
        private final Execution.Ending damagedEnding;
        private final String carefulAnswer;
        final List<String> carefulRuns = new ArrayList<>();

        PacedBoard(String damaged, String carefulAnswer) {
            this(damaged, "Traceback (most recent call last):\nSyntaxError: invalid syntax\n", Execution.Ending.CRASHED,
                    carefulAnswer);
        }

        PacedBoard(String damaged, String damagedAnswer, Execution.Ending damagedEnding, String carefulAnswer) {
            this.damaged = damaged;
            this.damagedAnswer = damagedAnswer;
            this.damagedEnding = damagedEnding;
            this.carefulAnswer = carefulAnswer;
        }

        @Override
        public String variant() {
            return "MICROBIT";
        }

        @Override
        public String port() {
            return "paced";
        }

        @Override
        public Execution execute(Script script) {
            String name = script.file().getFileName().toString();
            if (name.equals(damaged)) {
                return run(damagedAnswer, damagedEnding);
            }
            return sameEachTime(name);
        }

        @Override
        public Optional<Execution> rerunCarefully(Script script) {
            String name = script.file().getFileName().toString();
            carefulRuns.add(name);
            if (!name.equals(damaged)) {
                return Optional.of(sameEachTime(name));
            }
            return Optional.of(carefulAnswer == null
                    ? run("Traceback (most recent call last):\nViperError: not supported\n", Execution.Ending.CRASHED)
                    : run(carefulAnswer, Execution.Ending.COMPLETED));
        }

        private static Execution sameEachTime(String name) {
            return run(name.equals("target_info.py") ? "nrf armv6m 0 standard None 30 True normal\n" : "",
                    Execution.Ending.COMPLETED);
        }

        private static Execution run(String output, Execution.Ending ending) {
            return new Execution(output.getBytes(StandardCharsets.UTF_8), ending, Duration.ofMillis(5));
        }

        @Override
        public void close() {
        }
    }
}
