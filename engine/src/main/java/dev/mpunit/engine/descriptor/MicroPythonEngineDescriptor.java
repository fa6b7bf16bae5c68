package dev.mpunit.engine.descriptor;

import java.util.Optional;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

import dev.mpunit.engine.configuration.EngineConfiguration;

/**
 * The root of the engine's tree. It holds the configuration discovery read, so that execution
 * works from exactly what discovery checked (the same testbed file, the same kinds of target)
 * instead of reading the parameters again. Empty when discovery refused the configuration: the
 * tree is empty then and nothing runs.
 */
public final class MicroPythonEngineDescriptor extends EngineDescriptor {

    private final EngineConfiguration configuration;

    public MicroPythonEngineDescriptor(UniqueId uniqueId, EngineConfiguration configuration) {
        super(uniqueId, "MicroPython");
        this.configuration = configuration;
    }

    public Optional<EngineConfiguration> configuration() {
        return Optional.ofNullable(configuration);
    }
}
