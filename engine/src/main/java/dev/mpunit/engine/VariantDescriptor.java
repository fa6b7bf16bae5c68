package dev.mpunit.engine;

import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** {@code [variant:webassembly]}: the firmware a group's files run against. */
final class VariantDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "variant";

    private final String variant;
    private final TestGroup group;

    VariantDescriptor(GroupDescriptor parent, String variant) {
        super(parent.getUniqueId().append(SEGMENT, variant), variant);
        this.variant = variant;
        this.group = parent.group();
    }

    String variant() {
        return variant;
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
        Set<TestTag> tags = new LinkedHashSet<>();
        tags.add(TestTag.create(group.label()));
        tags.add(TestTag.create(variant));
        return tags;
    }
}
