package dev.mpunit.hardware.testbed;

import java.util.List;

/**
 * A testbed inventory that cannot be used. The message lists every problem found in the file, one per line,
 * each naming the file, the tentacle and the field, what was found and what would be accepted.
 */
public final class InventoryException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    InventoryException(String summary, List<String> problems) {
        super(problems.isEmpty() ? summary : summary + System.lineSeparator()
                + String.join(System.lineSeparator(), problems));
        this.problems = List.copyOf(problems);
    }

    InventoryException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    InventoryException(String problem) {
        this(problem, (Throwable) null);
    }

    /** The problems one by one, as the message lists them (the message alone when the file could not be read). */
    public List<String> problems() {
        return problems;
    }
}
