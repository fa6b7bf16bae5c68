package dev.mpunit.hardware.testbed;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every problem of one inventory, so its author fixes them in one round instead of one per run.
 * Each line names the file, so it reads alone in a log as well.
 */
final class Problems {

    private final String sourceName;
    private final List<String> lines = new ArrayList<>();

    Problems(String sourceName) {
        this.sourceName = sourceName;
    }

    /**
     * @param where the tentacle ({@code tentacles[3] (serial …, board …)}), or "" for the top level
     * @param field the field's path ({@code dut.emulator}), or "" when the problem is the object itself
     */
    void add(String where, String field, String what) {
        StringBuilder line = new StringBuilder(sourceName).append(": ");
        if (!where.isEmpty()) {
            line.append(where);
            line.append(field.isEmpty() ? ": " : ", ");
        }
        if (!field.isEmpty()) {
            line.append("field '").append(field).append("': ");
        }
        lines.add(line.append(what).toString());
    }

    int count() {
        return lines.size();
    }

    void throwIfAny() throws InventoryException {
        if (lines.isEmpty()) {
            return;
        }
        String count = lines.size() == 1 ? "a problem" : lines.size() + " problems";
        throw new InventoryException("testbed inventory " + sourceName + " has " + count
                + " (the format is described in docs/inventory.md):", lines);
    }
}
