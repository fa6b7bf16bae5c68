package dev.mpunit.engine.descriptor;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

import dev.mpunit.contract.IdSegments;

/**
 * {@code [file:basics/list1.py]}: one test file on one variant. A unittest-based file is a
 * container too: its cases are registered as children when its output names them.
 */
public final class TestFileDescriptor extends AbstractTestDescriptor {

    private final TestsRoot root;
    private final String relativePath;
    private final String variant;
    private final TestGroup group;
    private final boolean unittest;
    private boolean allCases;

    public TestFileDescriptor(VariantDescriptor parent, TestsRoot root, String relativePath, boolean unittest) {
        super(parent.getUniqueId().append(IdSegments.FILE, relativePath), relativePath,
                FileSource.from(root.resolve(relativePath).toFile(), FilePosition.from(1)));
        this.root = root;
        this.relativePath = relativePath;
        this.variant = parent.variant();
        this.group = parent.group();
        this.unittest = unittest;
    }

    /**
     * The variant's descriptor of this file: the one already there (a case id may have made it
     * before the file itself was selected), else a new one. Two descriptors with one id would
     * leave the selection of all cases on the one that never runs.
     */
    public static TestFileDescriptor in(VariantDescriptor parent, TestsRoot root, String relativePath, boolean unittest) {
        UniqueId id = parent.getUniqueId().append(IdSegments.FILE, relativePath);
        return parent.getChildren().stream().filter(child -> child.getUniqueId().equals(id))
                .map(TestFileDescriptor.class::cast).findFirst()
                .orElseGet(() -> new TestFileDescriptor(parent, root, relativePath, unittest));
    }

    public TestsRoot root() {
        return root;
    }

    public String relativePath() {
        return relativePath;
    }

    public Path file() {
        return root.resolve(relativePath);
    }

    public String variant() {
        return variant;
    }

    public TestGroup group() {
        return group;
    }

    public boolean unittest() {
        return unittest;
    }

    /**
     * Selected as a whole (by its file, directory or own id), not only for some of its cases:
     * then every case its output names is reported. Set during discovery only.
     */
    public void selectAllCases() {
        this.allCases = true;
    }

    public boolean allCasesSelected() {
        return allCases;
    }

    /** The directory part of the relative path: {@code basics}, {@code ports/unix}, or empty. */
    String directory() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    @Override
    public Type getType() {
        return unittest ? Type.CONTAINER_AND_TEST : Type.TEST;
    }

    @Override
    public boolean mayRegisterTests() {
        return unittest;
    }

    /** The directory, group and variant: tag filters remove leaves, so leaves carry them all. */
    @Override
    public Set<TestTag> getTags() {
        Set<TestTag> tags = new LinkedHashSet<>();
        String directory = directory();
        if (!directory.isEmpty() && TestTag.isValid(directory)) {
            tags.add(TestTag.create(directory));
        }
        tags.add(TestTag.create(group.label()));
        if (TestTag.isValid(variant)) {
            tags.add(TestTag.create(variant));
        }
        return tags;
    }
}
