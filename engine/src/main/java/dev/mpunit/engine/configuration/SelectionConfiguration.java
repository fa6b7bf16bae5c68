package dev.mpunit.engine.configuration;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.mpunit.engine.descriptor.TestGroup;

/**
 * Which files and variants a run takes: the tests roots for ids, the group and variant selections
 * (mptest's only/skip words), run-tests.py's include, exclude and filter regexes.
 */
public record SelectionConfiguration(
        List<Path> roots,
        GroupSelection groupSelection,
        String include,
        String exclude,
        String filter,
        VariantSelection variantSelection) {

    /** The variants of those offered that {@code only-variant} and {@code skip-variant} keep, in the order offered. */
    public List<String> selectedVariants(List<String> offered) {
        return variantSelection.select(offered);
    }

    /** The groups a selection of a whole tests root covers. */
    public Set<TestGroup> groups() {
        return groupSelection.covered();
    }

    /** Whether a skip or FUT key leaves this group out, wherever its files were selected. */
    public boolean groupAdmitted(TestGroup group) {
        return groupSelection.admits(group);
    }
}
