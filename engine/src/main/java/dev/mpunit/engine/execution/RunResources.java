package dev.mpunit.engine.execution;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.tentacle.Targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.platform.engine.ExecutionRequest;

import dev.mpunit.contract.SecretSettings;
import dev.mpunit.engine.verdict.CPython;
import dev.mpunit.engine.verdict.FeatureChecks;
import dev.mpunit.hardware.Reaper;

/**
 * What one execution shares between its workers, made only when there is something to run:
 * the variants and their targets, the expected-output source, the engine's feature-check scripts.
 */
final class RunResources implements AutoCloseable {

    private final EngineConfiguration configuration;
    private final Map<String, VariantRuntime> variants = new HashMap<>();
    private final CPython cpython;
    private final Targets targets;
    private Path featureChecks;

    RunResources(EngineConfiguration configuration, ExecutionRequest request) {
        this.configuration = configuration;
        this.targets = new Targets(configuration, request.getConfigurationParameters());
        this.cpython = CPython.of(configuration.run().cpython(), configuration.run().cpythonTimeout(),
                configuration.run().cacheDirectory().resolve("expected"),
                SecretSettings.read(request.getConfigurationParameters(), System.getenv(), System.getProperties())
                        .withSecretNamedVariables(System.getenv()).values());
    }

    /** Shared by all workers: it asks CPython for its version once and caches expected outputs. */
    CPython cpython() {
        return cpython;
    }

    synchronized VariantRuntime variant(String name) {
        return variants.computeIfAbsent(name, variant -> {
            return new VariantRuntime(variant, pcLike(variant), featureChecks());
        });
    }

    /** Only the unix port is a PC to run-tests.py (its provider says so); a testbed's variants are boards. */
    private boolean pcLike(String variant) {
        if (configuration.testbed().inventory().isPresent()) {
            return false;
        }
        try {
            return configuration.targets().target(variant).provider().pcLike();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    Targets targets() {
        return targets;
    }

    /** The engine's own feature checks, written out once for targets that run files from disk. */
    private Path featureChecks() {
        if (featureChecks == null) {
            try {
                featureChecks = Reaper.temporaryDirectory("mpunit-feature-check");
                for (FeatureChecks.Check check : FeatureChecks.ALL) {
                    Files.write(featureChecks.resolve(check.script()), FeatureChecks.bundledScript(check.script()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the engine's feature checks to a temporary directory", e);
            }
        }
        return featureChecks;
    }

    @Override
    public void close() {
        if (featureChecks != null) {
            Reaper.delete(featureChecks);
        }
    }
}
