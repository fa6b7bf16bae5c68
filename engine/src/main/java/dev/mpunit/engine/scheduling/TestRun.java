package dev.mpunit.engine.scheduling;

import java.util.Objects;
import java.util.Set;

/**
 * One test group's files for one variant, as the bartender sees it: what it needs of a tentacle and
 * how urgent it is.
 *
 * @param group the group's label ({@code RUN-TESTS_STANDARD})
 * @param priority lower runs first
 * @param variant board + build variant
 * @param needs the features under test a tentacle must offer ({@code WLAN}, {@code EXTMOD_HARDWARE})
 * @param withReference whether each piece also takes a reference tentacle (two-board tests)
 */
public record TestRun(String group, int priority, String variant, Set<String> needs, boolean withReference) {

    public TestRun {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(variant, "variant");
        needs = Set.copyOf(needs);
    }
}
