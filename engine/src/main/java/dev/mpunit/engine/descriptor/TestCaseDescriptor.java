package dev.mpunit.engine.descriptor;

import java.util.Set;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

import dev.mpunit.contract.IdSegments;

/** {@code [case:TestList.test_append]}: one case of a unittest-based test file. */
public final class TestCaseDescriptor extends AbstractTestDescriptor {

    private final String caseName;
    private final Set<TestTag> tags;

    public TestCaseDescriptor(TestFileDescriptor parent, String caseName) {
        super(parent.getUniqueId().append(IdSegments.CASE, caseName), caseName, parent.getSource().orElse(null));
        this.caseName = caseName;
        this.tags = Set.copyOf(parent.getTags());
    }

    public static UniqueId idOf(TestDescriptor file, String caseName) {
        return file.getUniqueId().append(IdSegments.CASE, caseName);
    }

    String caseName() {
        return caseName;
    }

    @Override
    public Type getType() {
        return Type.TEST;
    }

    @Override
    public Set<TestTag> getTags() {
        return tags;
    }
}
