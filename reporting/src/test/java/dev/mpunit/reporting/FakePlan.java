package dev.mpunit.reporting;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.OutputDirectoryCreator;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * A test plan shaped like the engine's (engine / group / variant / file), built without the
 * engine so the listener can be driven event by event.
 */
final class FakePlan {

    final EngineDescriptor engine = new EngineDescriptor(UniqueId.forEngine("micropython"), "MicroPython");
    final Node variant;
    private final Map<String, String> parameters;

    FakePlan(Map<String, String> parameters) {
        this.parameters = parameters;
        Node group = new Node(engine.getUniqueId().append("group", "RUN-TESTS_STANDARD"), "RUN-TESTS_STANDARD",
                TestDescriptor.Type.CONTAINER);
        engine.addChild(group);
        variant = new Node(group.getUniqueId().append("variant", "webassembly"), "webassembly",
                TestDescriptor.Type.CONTAINER);
        group.addChild(variant);
    }

    Node file(String relativePath) {
        Node file = new Node(variant.getUniqueId().append("file", relativePath), relativePath, TestDescriptor.Type.TEST);
        variant.addChild(file);
        return file;
    }

    TestPlan plan() {
        return TestPlan.from(false, List.of(engine), new Parameters(parameters), new OutputDirectoryCreator() {
            @Override
            public Path getRootDirectory() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Path createOutputDirectory(TestDescriptor descriptor) {
                throw new UnsupportedOperationException();
            }
        });
    }

    static TestIdentifier id(TestDescriptor descriptor) {
        return TestIdentifier.from(descriptor);
    }

    static final class Node extends AbstractTestDescriptor {
        private final Type type;

        Node(UniqueId id, String name, Type type) {
            super(id, name);
            this.type = type;
        }

        @Override
        public Type getType() {
            return type;
        }
    }

    private record Parameters(Map<String, String> values) implements ConfigurationParameters {
        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return get(key).map(Boolean::parseBoolean);
        }

        @Override
        public Set<String> keySet() {
            return values.keySet();
        }
    }
}
