package dev.mpunit.engine.execution;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.descriptor.TestGroup;
import dev.mpunit.engine.scheduling.DurationHistory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import dev.mpunit.engine.verdict.ExpectedOutput;
import dev.mpunit.engine.verdict.HostPlatform;
import dev.mpunit.engine.verdict.Judge;
import dev.mpunit.engine.verdict.RunTestsOutput;
import dev.mpunit.engine.verdict.SkipRules;
import dev.mpunit.engine.verdict.TargetProfile;
import dev.mpunit.engine.verdict.Verdict;
import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.local.MpyCross;

/**
 * The first runner: run-tests.py's semantics, one file on one tentacle, in run-tests.py's order of
 * decisions: skip tables and feature checks, run, SKIP / SKIP-TOO-LARGE, unittest summary,
 * expected output. A failure at a board's fast pacing is believed once a careful run agrees.
 */
final class RunTestsRunner extends JudgingRunner {

    private static final String HOST_PLATFORM = HostPlatform.current();
    /** How long a Ctrl-C that reached a test's processes may take to reach this JVM's shutdown hook. */
    private static final Duration SIGNAL_TO_JVM = Duration.ofSeconds(2);

    RunTestsRunner(EngineConfiguration configuration, DurationHistory history, RunResources resources,
            Interruption interruption) {
        super(configuration, history, resources, interruption);
    }

    @Override
    Outcome runFile(TestFileDescriptor file, Lease lease, Runnable started)
            throws ProbeException, TargetException {
        Target target = lease.target();
        TargetProfile profile = lease.variant().profile(target, file.root());
        String relativePath = file.relativePath();
        TestGroup group = file.group();
        String emit = emit(group);
        Optional<String> skip = SkipRules.reason(relativePath, profile, emit, group.viaMpy(), HOST_PLATFORM);
        if (skip.isPresent()) {
            return new Outcome.Skipped(skip.get());
        }
        if (group.viaMpy() && "native".equals(emit) && profile.mpyCrossFlags().isEmpty()) {
            return new Outcome.Skipped("the target cannot load native code (sys.implementation._mpy names no"
                    + " architecture), which " + group.label() + " compiles every test to");
        }
        if (configuration.run().dryRun()) {
            // run-tests.py's --dry-run: what its rules let through is "found"; a SKIP the test would
            // print itself is not known without running it.
            return new Outcome.Found();
        }
        started.run();
        Path path = file.file();
        byte[] source;
        try {
            source = Files.readAllBytes(path);
        } catch (IOException e) {
            return new Outcome.Failed(new RunFailure(
                    "cannot read " + path + ": " + e.getMessage() + " (check the file's permissions)", e));
        }
        // run-tests.py runs the unix port's cmdline/ tests with their own options and output rules.
        boolean special = lease.variant().pcLike() && relativePath.startsWith("cmdline/");
        Script script = new Script(path, configuration.run().timeout(), special, options(emit));
        Execution execution;
        boolean compiled = group.viaMpy() && !special;
        Optional<String> refused = Optional.empty();
        if (compiled) {
            // Discovery leaves the .mpy groups' files out when there is no mpy-cross.
            MpyCross.Compiled mpy = new MpyCross(configuration.run().mpyCross().orElseThrow()).compile(source, relativePath, emit,
                    profile.mpyCrossFlags().map(flags -> List.of(flags.split(" "))).orElse(List.of()));
            if (mpy.mpy().isPresent()) {
                execution = target.executeCompiled(script, mpy.mpy().get());
            } else {
                // run-tests.py's words for a test mpy-cross refused; the test fails on them.
                execution = new Execution(concat("mpy-cross crash\n".getBytes(StandardCharsets.US_ASCII), mpy.refusal()),
                        Execution.Ending.CRASHED, Duration.ZERO);
                refused = Optional.of("note: mpy-cross refused the test, MicroPython never ran it: "
                        + new String(mpy.refusal(), StandardCharsets.UTF_8).strip());
            }
        } else {
            execution = target.execute(script);
        }
        List<String> incidents = new ArrayList<>(execution.incidents());
        if (interruption.requested()) {
            // Its process was killed; judging it would start CPython while the JVM is ending.
            return new Outcome.Interrupted();
        }
        Verdict verdict;
        try {
            verdict = judge(file, execution, special, emit);
            if (verdict.kind() == Verdict.Kind.FAIL) {
                // A board sent the code faster than its safe pacing may have lost a byte on the way:
                // a failure is only believed once the careful run agrees.
                // A compiled test's script is the importer, gone by now: no careful run of it.
                Optional<Execution> careful = compiled ? Optional.empty() : target.rerunCarefully(script);
                if (careful.isPresent()) {
                    incidents.add("the test ran again carefully after it failed (" + verdict.message()
                            + "); the verdict is the second run's");
                    execution = careful.get();
                    incidents.addAll(execution.incidents());
                    verdict = judge(file, execution, special, emit);
                }
            }
        } catch (IOException e) {
            // CPython stopped by a signal: Ctrl-C, whose interruption of this JVM may still be on its way.
            if (e instanceof InterruptedIOException) {
                interruption.awaitRequested(SIGNAL_TO_JVM);
            }
            if (interruption.requested()) {
                return new Outcome.Interrupted();
            }
            history.record(file, execution.duration().toMillis());
            return new Outcome.Failed(new RunFailure(e.getMessage(), e));
        }
        if (verdict.kind() == Verdict.Kind.FAIL && interruption.requested()) {
            return new Outcome.Interrupted();
        }
        if (verdict.kind() == Verdict.Kind.FAIL && refused.isPresent()) {
            verdict = verdict.withNote(refused.get());
        }
        if (verdict.kind() == Verdict.Kind.FAIL) {
            // The bytes went to the target as they are, as run-tests.py sends them: say so when
            // their encoding may be what failed.
            Optional<String> encoding = notUtf8(path.getFileName().toString(), source);
            if (encoding.isPresent()) {
                verdict = verdict.withNote(encoding.get());
            }
        }
        // Once, for the run whose verdict stands (the careful one when there was one).
        history.record(file, execution.duration().toMillis());
        return new Outcome.Judged(verdict, execution.duration(), incidents);
    }

    private Verdict judge(TestFileDescriptor file, Execution execution, boolean special, String emit)
            throws IOException {
        String relativePath = file.relativePath();
        Path path = file.file();
        byte[] output = RunTestsOutput.afterRun(relativePath, RunTestsOutput.asRunTests(execution.output(),
                        ending(execution)), execution.ending() != Execution.Ending.COMPLETED, special,
                () -> regexExpectation(path, emit));
        return Judge.judge(relativePath, output,
                ExpectedOutput.source(path, relativePath, emit, resources.cpython()),
                HOST_PLATFORM, configuration.run().timeout());
    }

    private byte[] regexExpectation(Path path, String emit) {
        try {
            return ExpectedOutput.regexExpBytes(path, emit);
        } catch (IOException e) {
            throw new RunFailure("cannot read the regex expectation of " + path + ": " + e.getMessage(), e);
        }
    }

    static RunTestsOutput.Ending ending(Execution execution) {
        return switch (execution.ending()) {
            case COMPLETED -> RunTestsOutput.Ending.COMPLETED;
            case CRASHED -> RunTestsOutput.Ending.CRASHED;
            case TIMED_OUT -> RunTestsOutput.Ending.TIMED_OUT;
        };
    }

    /** The emitter of a file: its group's ({@code --emit native} for the _NATIVE groups), else the run's. */
    private String emit(TestGroup group) {
        return group.emit().orElse(configuration.run().emit());
    }

    private List<String> options(String emit) {
        List<String> options = new ArrayList<>();
        if (!emit.equals(configuration.run().emit())) {
            // The unix port's -X emit= is the run's; the last one given wins.
            options.addAll(List.of("-X", "emit=" + emit));
        }
        configuration.run().heapsize().ifPresent(size -> options.addAll(List.of("-X", "heapsize=" + size)));
        return options;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /**
     * The hint for a file that is not valid UTF-8: MicroPython reads source as UTF-8 (a byte
     * outside it in a comment is harmless, in a string it is kept or replaced), CPython as its
     * PEP 263 {@code coding:} line says. Empty for UTF-8.
     */
    static Optional<String> notUtf8(String name, byte[] bytes) {
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(input, CharBuffer.allocate(bytes.length), true);
        if (!result.isError()) {
            return Optional.empty();
        }
        int offset = input.position();
        return Optional.of("note: " + name + " is not valid UTF-8 (byte 0x"
                + String.format("%02x", bytes[offset] & 0xff) + " at offset " + offset
                + "): MicroPython reads source files as UTF-8, CPython as the file's coding: line says;"
                + " if the encoding is what failed, save the file as UTF-8");
    }

}
