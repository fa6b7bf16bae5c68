package dev.mpunit.cli;

import java.util.List;
import java.util.Optional;

/**
 * A workflow trigger's {@code paths} (or {@code paths-ignore}) patterns, read as GitHub reads them: in
 * order, the last pattern that matches a path decides, so a {@code !pattern} after a match excludes the
 * path and a pattern after that includes it again.
 */
record PathFilter(List<WorkflowGlob> globs) {

    PathFilter {
        globs = List.copyOf(globs);
    }

    static PathFilter of(List<String> patterns) {
        return new PathFilter(patterns.stream().map(WorkflowGlob::of).toList());
    }

    /** The pattern that takes the path in: the last one matching it, when that one is not negated. */
    Optional<WorkflowGlob> takes(String path) {
        WorkflowGlob last = null;
        for (WorkflowGlob glob : globs) {
            if (glob.matches(path)) {
                last = glob;
            }
        }
        return last == null || last.negated() ? Optional.empty() : Optional.of(last);
    }
}
