package dev.mpunit.engine.descriptor;

import java.util.Set;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;

import dev.mpunit.contract.IdSegments;

/** {@code [group:RUN-TESTS_STANDARD]}: one test group, holding one container per variant. */
public final class GroupDescriptor extends ContainerDescriptor {

    private final TestGroup group;

    public GroupDescriptor(UniqueId parentId, TestGroup group) {
        super(parentId.append(IdSegments.GROUP, group.label()), group.label(), Set.of(TestTag.create(group.label())));
        this.group = group;
    }

    TestGroup group() {
        return group;
    }
}
