package dev.mpunit.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

import org.junit.platform.engine.CancellationToken;

/**
 * Hands out work to workers as they free up (seed 001): whenever a worker of a variant asks, it
 * gets that variant's most valuable remaining test file — the most urgent group first, then the
 * longest expected duration (from earlier runs when known), never discovery order. Redundant
 * workers of one variant share that variant's files.
 */
final class Bartender {

    private final Map<String, PriorityQueue<TestFileDescriptor>> queues = new HashMap<>();
    private final CancellationToken cancellation;
    private final Comparator<TestFileDescriptor> order;

    Bartender(List<TestFileDescriptor> files, DurationHistory history, CancellationToken cancellation) {
        this.cancellation = cancellation;
        order = Comparator
                .comparingInt((TestFileDescriptor file) -> file.group().priority())
                .thenComparing(Comparator.comparingLong(history::expectedMillis).reversed())
                .thenComparing(Comparator.comparingLong(Bartender::size).reversed())
                .thenComparing(TestFileDescriptor::relativePath);
        for (TestFileDescriptor file : files) {
            queues.computeIfAbsent(file.variant(), variant -> new PriorityQueue<>(order)).add(file);
        }
    }

    /** The next file for a worker of this variant; empty when there is none left or the run was cancelled. */
    synchronized Optional<TestFileDescriptor> next(String variant) {
        if (cancellation.isCancellationRequested()) {
            return Optional.empty();
        }
        PriorityQueue<TestFileDescriptor> queue = queues.get(variant);
        return Optional.ofNullable(queue == null ? null : queue.poll());
    }

    /**
     * A file a worker took but could not run because its board was lost: the next worker of its
     * variant gets it, ahead of files of the same value.
     */
    synchronized void giveBack(TestFileDescriptor file) {
        queues.computeIfAbsent(file.variant(), variant -> new PriorityQueue<>(order)).add(file);
    }

    /** What was never handed out (after a cancellation): to be reported skipped. */
    synchronized List<TestFileDescriptor> drain() {
        List<TestFileDescriptor> left = new ArrayList<>();
        queues.values().forEach(queue -> {
            while (!queue.isEmpty()) {
                left.add(queue.poll());
            }
        });
        return left;
    }

    private static long size(TestFileDescriptor file) {
        return file.file().toFile().length();
    }
}
