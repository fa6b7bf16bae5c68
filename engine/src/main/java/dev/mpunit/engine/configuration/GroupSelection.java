package dev.mpunit.engine.configuration;

import dev.mpunit.engine.descriptor.TestGroup;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.mpunit.hardware.testbed.Fut;

/**
 * Which test groups a run covers, from {@code micropython.groups} (alias {@code only-group}),
 * {@code skip-group}, {@code only-fut} and {@code skip-fut} — mptest's {@code --only-test},
 * {@code --skip-test}, {@code --only-fut}, {@code --skip-fut}.
 *
 * @param covered the groups a selection of a whole tests root runs
 * @param excluded the groups a skip or FUT key leaves out wherever their files were selected;
 *                 {@code groups} alone excludes nothing, so a directory selected by hand still runs
 */
public record GroupSelection(Set<TestGroup> covered, Set<TestGroup> excluded) {

    public GroupSelection {
        covered = Set.copyOf(covered);
        excluded = Set.copyOf(excluded);
    }

    /**
     * @param only labels of {@code groups}/{@code only-group}; empty: the standard tests, or with
     *             {@code onlyFut} every supported group (the FUT says which)
     */
    static GroupSelection of(List<TestGroup> only, List<TestGroup> skip, List<Fut> onlyFut, List<Fut> skipFut,
            Predicate<TestGroup> supported) {
        Set<TestGroup> base = EnumSet.noneOf(TestGroup.class);
        if (!only.isEmpty()) {
            base.addAll(only);
        } else if (!onlyFut.isEmpty()) {
            Arrays.stream(TestGroup.values()).filter(supported).forEach(base::add);
        } else {
            base.add(TestGroup.RUN_TESTS_STANDARD);
        }
        Predicate<TestGroup> futWanted = group -> (onlyFut.isEmpty() || onlyFut.contains(group.fut()))
                && !skipFut.contains(group.fut());
        Set<TestGroup> excluded = EnumSet.noneOf(TestGroup.class);
        for (TestGroup group : TestGroup.values()) {
            if (skip.contains(group) || !futWanted.test(group)) {
                excluded.add(group);
            }
        }
        base.removeAll(excluded);
        return new GroupSelection(base, excluded);
    }

    boolean admits(TestGroup group) {
        return !excluded.contains(group);
    }

    public static String labels(Collection<TestGroup> groups) {
        return String.join(", ", groups.stream().map(TestGroup::label).toList());
    }
}
