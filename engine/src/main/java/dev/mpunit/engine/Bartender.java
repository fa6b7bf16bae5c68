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
    /** Files handed out and not finished yet, per variant: any of them may still come back. */
    private final Map<String, Integer> running = new HashMap<>();
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

    /**
     * The next file for a worker of this variant; empty when there is none left or the run was
     * cancelled. While other workers of the variant still hold files it waits instead: a board
     * lost on its last file gives that file back, and someone must be there to take it.
     */
    synchronized Optional<TestFileDescriptor> next(String variant) {
        while (!cancellation.isCancellationRequested()) {
            PriorityQueue<TestFileDescriptor> queue = queues.get(variant);
            TestFileDescriptor file = queue == null ? null : queue.poll();
            if (file != null) {
                running.merge(variant, 1, Integer::sum);
                return Optional.of(file);
            }
            if (running.getOrDefault(variant, 0) == 0) {
                return Optional.empty();
            }
            try {
                // Cancellation has no callback: look again now and then.
                wait(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** A file handed out has ended (whatever its verdict). */
    synchronized void done(TestFileDescriptor file) {
        running.merge(file.variant(), -1, Integer::sum);
        notifyAll();
    }

    /**
     * A file a worker took but could not run because its board was lost: the next worker of its
     * variant gets it, ahead of files of the same value.
     */
    synchronized void giveBack(TestFileDescriptor file) {
        queues.computeIfAbsent(file.variant(), variant -> new PriorityQueue<>(order)).add(file);
        running.merge(file.variant(), -1, Integer::sum);
        notifyAll();
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
