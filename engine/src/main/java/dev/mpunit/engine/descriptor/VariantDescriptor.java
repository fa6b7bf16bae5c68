package dev.mpunit.engine.descriptor;

import java.util.Set;

import org.junit.platform.engine.TestTag;

import dev.mpunit.contract.IdSegments;

/** {@code [variant:webassembly]}: the firmware a group's files run against. */
public final class VariantDescriptor extends ContainerDescriptor {

    private final String variant;
    private final TestGroup group;

    public VariantDescriptor(GroupDescriptor parent, String variant) {
        super(parent.getUniqueId().append(IdSegments.VARIANT, variant), variant,
                Set.of(TestTag.create(parent.group().label()), TestTag.create(tag(variant))));
        this.variant = variant;
        this.group = parent.group();
    }

    /** A device string ({@code execpty:qemu … -serial pty}) names a variant but is no valid tag as it is. */
    static String tag(String variant) {
        String tag = variant.strip().replaceAll("[\\s,()&|!]+", "_");
        return TestTag.isValid(tag) ? tag : "board";
    }

    String variant() {
        return variant;
    }

    TestGroup group() {
        return group;
    }
}
