package dev.mpunit.engine;

import java.util.Set;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** {@code [group:RUN-TESTS_STANDARD]}: one test group, holding one container per variant. */
final class GroupDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "group";

    private final TestGroup group;

    GroupDescriptor(UniqueId parentId, TestGroup group) {
        super(parentId.append(SEGMENT, group.label()), group.label());
        this.group = group;
    }

    TestGroup group() {
        return group;
    }

    @Override
    public Type getType() {
        return Type.CONTAINER;
    }

    @Override
    public Set<TestTag> getTags() {
        return Set.of(TestTag.create(group.label()));
    }
}
