package dev.mpunit.server.store;

import java.util.List;

/**
 * One page of a long list: its items in the list's order, and the cursors that continue it. A
 * cursor is opaque to clients; it names the last (or first) row's sort key, so a page costs the same
 * wherever it lies in the list (keyset pagination, never an offset).
 *
 * @param next the cursor of the following page, null on the last one
 * @param prev the cursor of the preceding page, null on the first one
 * @param total how many items the whole list holds, null when counting would cost a scan
 */
public record Page<T>(List<T> items, String next, String prev, Long total) {

    public Page {
        items = List.copyOf(items);
    }
}
