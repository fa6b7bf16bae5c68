package dev.mpunit.engine;

import java.util.Set;

import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;

/** {@code [case:TestList.test_append]}: one case of a unittest-based test file. */
final class TestCaseDescriptor extends AbstractTestDescriptor {

    static final String SEGMENT = "case";

    private final String caseName;
    private final Set<TestTag> tags;

    TestCaseDescriptor(TestFileDescriptor parent, String caseName) {
        super(parent.getUniqueId().append(SEGMENT, caseName), caseName, parent.getSource().orElse(null));
        this.caseName = caseName;
        this.tags = Set.copyOf(parent.getTags());
    }

    static UniqueId idOf(TestDescriptor file, String caseName) {
        return file.getUniqueId().append(SEGMENT, caseName);
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
