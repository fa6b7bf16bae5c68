package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.TestsRoot;

import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mpunit.engine.verdict.FeatureChecks;
import dev.mpunit.engine.verdict.RunTestsOutput;
import dev.mpunit.engine.verdict.TargetProfile;
import dev.mpunit.hardware.BoardLostException;
import dev.mpunit.hardware.Execution;
import dev.mpunit.hardware.Script;
import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * One variant during a run: opens its target instances and probes the firmware once (target_info
 * and the feature checks), with the tree's own {@code feature_check/} scripts when they are of today's kind
 * (they include {@code target_info.py}).
 * Every worker of the variant shares the profile, as they share the firmware.
 */
final class VariantRuntime {

    private final String name;
    private final boolean pcLike;
    private final Path engineFeatureChecks;
    private final Map<Path, Object> profiles = new HashMap<>();

    VariantRuntime(String name, boolean pcLike, Path engineFeatureChecks) {
        this.name = name;
        this.pcLike = pcLike;
        this.engineFeatureChecks = engineFeatureChecks;
    }

    String name() {
        return name;
    }

    /** Whether run-tests.py treats the target as a PC (unix port): {@code import/}, {@code cmdline/}, {@code io/}. */
    boolean pcLike() {
        return pcLike;
    }

    /** Probed once per feature-check directory; a failed probe fails every test of the variant with its reason. */
    synchronized TargetProfile profile(Target target, TestsRoot root) throws ProbeException, TargetException {
        Path treeChecks = root.directory().resolve("feature_check");
        // The rules that read the checks' output are today's run-tests.py's; a tree whose checks
        // predate target_info.py (v1.9.2's set_check.py prints nothing) would be misread by them.
        Path key = Files.isRegularFile(treeChecks.resolve("target_info.py")) ? treeChecks : engineFeatureChecks;
        Object known = profiles.get(key);
        if (known instanceof TargetProfile profile) {
            return profile;
        }
        if (known instanceof ProbeException failure) {
            throw failure;
        }
        try {
            TargetProfile profile = probe(target, key);
            profiles.put(key, profile);
            return profile;
        } catch (ProbeException e) {
            profiles.put(key, e);
            throw e;
        } catch (BoardLostException e) {
            // That board is gone, not the variant: another board probes it.
            throw e;
        } catch (TargetException e) {
            ProbeException failure = new ProbeException("cannot probe " + name + ": " + e.getMessage(), e);
            profiles.put(key, failure);
            throw failure;
        } catch (RuntimeException e) {
            ProbeException failure = new ProbeException("cannot probe " + name + ": " + e.getMessage(), e);
            profiles.put(key, failure);
            throw failure;
        }
    }

    private TargetProfile probe(Target target, Path checks) throws ProbeException, TargetException {
        Map<String, byte[]> outputs = featureCheckOutputs(target, checks);
        try {
            return FeatureChecks.profile(outputs, ByteOrder.nativeOrder());
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new ProbeException("cannot detect the features of " + name + " (" + target.port() + "): "
                    + e.getMessage(), e);
        }
    }

    /** What each feature check printed, as run-tests.py keeps it: what {@link FeatureChecks#profile} reads. */
    Map<String, byte[]> featureCheckOutputs(Target target, Path checks) throws TargetException {
        Map<String, byte[]> outputs = new LinkedHashMap<>();
        for (FeatureChecks.Check check : FeatureChecks.toRun(pcLike)) {
            String script = check.script();
            Path file = checks.resolve(script);
            if (!Files.isRegularFile(file)) {
                file = engineFeatureChecks.resolve(script);
            }
            Script checkScript = new Script(file, Duration.ofSeconds(30), true, List.of());
            Execution execution = target.execute(checkScript);
            byte[] output = RunTestsOutput.asRunTests(execution.output(), RunTestsRunner.ending(execution));
            if (execution.ending() == Execution.Ending.CRASHED
                    || FeatureChecks.doubtful(script, output, ByteOrder.nativeOrder())) {
                // A check that crashed, or answered "no", on a paced board may have lost a byte on the
                // way (a loaded machine did: the micro:bit's native check crashed; a digit lost from
                // int_big.py's literal printed another number, and its big-int tests were skipped for
                // the whole run); it is believed once the careful run agrees, as tests are.
                Optional<Execution> careful = target.rerunCarefully(checkScript);
                if (careful.isPresent()) {
                    output = RunTestsOutput.asRunTests(careful.get().output(), RunTestsRunner.ending(careful.get()));
                }
            }
            outputs.put(script, output);
        }
        return outputs;
    }
}
