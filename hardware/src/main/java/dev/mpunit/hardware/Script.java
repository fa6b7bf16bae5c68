package dev.mpunit.hardware;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One script to run on a target.
 *
 * @param file the script, run with its own directory as the working directory
 * @param timeout how long it may run before it is stopped and reported {@link Execution.Ending#TIMED_OUT}
 * @param special run-tests.py's "special" mode (feature checks, {@code cmdline/}): on the unix port
 *     no {@code -X emit}, the file's {@code # cmdline:} options, and the output only on success
 * @param options extra interpreter options, such as {@code -X emit=native} or {@code -X heapsize=…}
 */
public record Script(Path file, Duration timeout, boolean special, List<String> options) {

    public Script {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(timeout, "timeout");
        options = List.copyOf(options);
    }

    public static Script of(Path file, Duration timeout) {
        return new Script(file, timeout, false, List.of());
    }

    /** This script in run-tests.py's special mode. (Not {@code special()}: that is the component's accessor.) */
    public Script asSpecial() {
        return new Script(file, timeout, true, options);
    }

    /** This script with {@code options} instead of its own. */
    public Script withOptions(List<String> options) {
        return new Script(file, timeout, special, options);
    }
}
