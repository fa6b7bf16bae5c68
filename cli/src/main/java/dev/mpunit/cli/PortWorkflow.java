package dev.mpunit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of upstream's {@code .github/workflows/ports_<port>.yml}: the port it builds and tests, and the
 * filter of its pull-request trigger, which says whether a change concerns that port.
 *
 * @param file    the workflow's file name ({@code ports_rp2.yml})
 * @param port    the port, from the file name ({@code rp2}, the folder {@code ports/rp2})
 * @param trigger the event whose filter is read ({@code pull_request}, else {@code push}), empty when the
 *                workflow runs on neither
 * @param paths   {@code paths} patterns, empty when the trigger has none
 * @param ignored {@code paths-ignore} patterns, empty when the trigger has none
 */
record PortWorkflow(String file, String port, Optional<String> trigger, PathFilter paths, PathFilter ignored) {

    /** Why a workflow runs for a set of changed files: a file and the pattern that took it in, or none needed. */
    record Match(String file, String pattern) {
    }

    /**
     * Why GitHub would run this workflow for these changed files: the files its {@code paths} take in
     * (or that its {@code paths-ignore} leaves), each with the pattern; empty when it would not run.
     * A trigger without a filter runs for any change, and says so with one match of no file.
     */
    List<Match> matches(List<String> changed) {
        if (trigger.isEmpty() || changed.isEmpty()) {
            return List.of();
        }
        boolean hasPaths = !paths.globs().isEmpty();
        boolean hasIgnored = !ignored.globs().isEmpty();
        if (!hasPaths && !hasIgnored) {
            return List.of(new Match("any change (" + trigger.get() + " without paths)", ""));
        }
        List<Match> matches = new ArrayList<>();
        for (String file : changed) {
            if (hasPaths) {
                paths.takes(file).ifPresent(glob -> matches.add(new Match(file, glob.text())));
            } else if (ignored.takes(file).isEmpty()) {
                matches.add(new Match(file + " (in no paths-ignore pattern)", ""));
            }
        }
        return matches;
    }
}
