package dev.mpunit.engine.descriptor;

import java.util.Set;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** A level of the tree above the test files (group, variant): a container with fixed tags. */
abstract class ContainerDescriptor extends AbstractTestDescriptor {

    private final Set<TestTag> tags;

    ContainerDescriptor(UniqueId uniqueId, String displayName, Set<TestTag> tags) {
        super(uniqueId, displayName);
        this.tags = Set.copyOf(tags);
    }

    @Override
    public final Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public final Set<TestTag> getTags() {
        return tags;
    }
}
