package dev.mpunit.engine.scheduling;

import dev.mpunit.engine.execution.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

import dev.mpunit.engine.scheduling.SimulatedTestbed.SimulatedFile;

/**
 * Runs a simulated testbed in simulated time under three ways of handing out work, and computes
 * what no way can beat. Time is milliseconds of simulated testbed time; flashing a tentacle costs
 * its board's flash time whenever its firmware must change.
 */
final class TestbedSimulation {

    /** What a schedule achieved: the makespan, how many flashes, how many pieces ran, and decisions taken. */
    record Outcome(long makespanMillis, int flashes, int piecesRun, int decisions, long decisionNanos) {
    }

    private record Finish(long time, long order, Tentacle tentacle, Piece<SimulatedFile> piece) {
    }

    private final SimulatedTestbed testbed;

    TestbedSimulation(SimulatedTestbed testbed) {
        this.testbed = testbed;
    }

    /** This project's bartender: pieces to tentacles as they free up. */
    Outcome bartender() {
        WorkPlan<SimulatedFile> plan = new WorkPlan<>(testbed.tentacles(), testbed.pieces(),
                Comparator.comparing(SimulatedFile::name));
        PriorityQueue<Finish> finishes = new PriorityQueue<>(
                Comparator.comparingLong(Finish::time).thenComparingLong(Finish::order));
        Set<Tentacle> idle = new LinkedHashSet<>(testbed.tentacles());
        Map<Tentacle, Long> readyAt = new HashMap<>();
        long now = 0;
        long order = 0;
        int flashes = 0;
        int run = 0;
        int decisions = 0;
        long decisionNanos = 0;
        long makespan = 0;
        while (true) {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (Tentacle tentacle : List.copyOf(idle)) {
                    if (!idle.contains(tentacle)) {
                        continue;
                    }
                    long start = System.nanoTime();
                    Optional<Assignment<SimulatedFile>> picked = plan.pick(tentacle, idle::contains);
                    decisionNanos += System.nanoTime() - start;
                    decisions++;
                    if (picked.isEmpty()) {
                        if (plan.finishedFor(tentacle)) {
                            idle.remove(tentacle);
                        }
                        continue;
                    }
                    Assignment<SimulatedFile> assignment = picked.get();
                    changed = true;
                    idle.remove(tentacle);
                    Optional<Tentacle> reference = assignment.reference();
                    boolean pairStarts = reference.isPresent() && reference.get() == tentacle;
                    if (reference.isPresent() && !pairStarts) {
                        // The board side waits for its reference; the reference takes it on its next pick.
                        readyAt.put(tentacle, now);
                        continue;
                    }
                    long flash = assignment.flash() ? testbed.flashMillis().get(assignment.tentacle()) : 0;
                    flashes += assignment.flash() ? 1 : 0;
                    if (pairStarts) {
                        long referenceFlash = assignment.flashReference() ? testbed.flashMillis().get(tentacle) : 0;
                        flashes += assignment.flashReference() ? 1 : 0;
                        flash = Math.max(flash, referenceFlash);
                    }
                    long end = now + flash + assignment.piece().item().actualMillis();
                    finishes.add(new Finish(end, order++, tentacle, assignment.piece()));
                    if (pairStarts) {
                        finishes.add(new Finish(end, order++, assignment.tentacle(), null));
                    }
                    run++;
                }
            }
            Finish finish = finishes.poll();
            if (finish == null) {
                break;
            }
            now = finish.time();
            makespan = Math.max(makespan, now);
            if (finish.piece() != null) {
                plan.done(finish.piece());
            }
            idle.add(finish.tentacle());
            while (!finishes.isEmpty() && finishes.peek().time() == now) {
                Finish same = finishes.poll();
                if (same.piece() != null) {
                    plan.done(same.piece());
                }
                idle.add(same.tentacle());
            }
        }
        return new Outcome(makespan, flashes, run, decisions, decisionNanos);
    }

    /**
     * Upstream's testbed: each (group × variant) whole on one tentacle, candidates ordered by group
     * priority, boards with more variants first, firmware already flashed first, then name; at most
     * {@code jobs} runs at once; a two-board run also holds a free reference tentacle.
     */
    Outcome upstream(int jobs) {
        Map<TestRun, Long> runWork = new LinkedHashMap<>();
        Map<TestRun, Integer> runPieces = new HashMap<>();
        for (Piece<SimulatedFile> piece : testbed.pieces()) {
            runWork.merge(piece.run(), piece.item().actualMillis(), Long::sum);
            runPieces.merge(piece.run(), 1, Integer::sum);
        }
        List<TestRun> todo = new ArrayList<>(runWork.keySet());
        Map<Tentacle, String> firmware = new HashMap<>();
        Map<Tentacle, Long> freeAt = new HashMap<>();
        testbed.tentacles().forEach(tentacle -> freeAt.put(tentacle, 0L));
        Map<String, Integer> variantsOfBoard = new HashMap<>();
        testbed.tentacles().forEach(tentacle -> tentacle.variants()
                .forEach(variant -> variantsOfBoard.put(variant, tentacle.variants().size())));
        PriorityQueue<long[]> running = new PriorityQueue<>(Comparator.comparingLong(end -> end[0]));
        long now = 0;
        long makespan = 0;
        int flashes = 0;
        int pieces = 0;
        while (!todo.isEmpty()) {
            long at = now;
            todo.sort(Comparator.comparingInt(TestRun::priority)
                    .thenComparing(run -> -variantsOfBoard.getOrDefault(run.variant(), 1))
                    .thenComparing(run -> testbed.tentacles().stream().noneMatch(tentacle ->
                            freeAt.get(tentacle) <= at && run.variant().equals(firmware.get(tentacle))))
                    .thenComparing(TestRun::variant));
            boolean started = false;
            for (TestRun run : List.copyOf(todo)) {
                if (running.size() >= jobs) {
                    break;
                }
                Optional<Tentacle> board = free(run, now, freeAt, firmware, null, false);
                if (board.isEmpty()) {
                    continue;
                }
                Optional<Tentacle> reference = run.withReference()
                        ? free(run, now, freeAt, firmware, board.get(), true) : Optional.empty();
                if (run.withReference() && reference.isEmpty()) {
                    continue;
                }
                long flash = 0;
                if (!run.variant().equals(firmware.get(board.get()))) {
                    flash = testbed.flashMillis().get(board.get());
                    flashes++;
                    firmware.put(board.get(), run.variant());
                }
                if (reference.isPresent() && !reference.get().referenceVariant().equals(firmware.get(reference.get()))) {
                    flash = Math.max(flash, testbed.flashMillis().get(reference.get()));
                    flashes++;
                    firmware.put(reference.get(), reference.get().referenceVariant());
                }
                long end = now + flash + runWork.get(run);
                freeAt.put(board.get(), end);
                reference.ifPresent(tentacle -> freeAt.put(tentacle, end));
                running.add(new long[] {end});
                makespan = Math.max(makespan, end);
                pieces += runPieces.get(run);
                todo.remove(run);
                started = true;
            }
            if (!started || running.size() >= jobs) {
                if (running.isEmpty()) {
                    break;
                }
                now = running.poll()[0];
                while (!running.isEmpty() && running.peek()[0] == now) {
                    running.poll();
                }
            }
        }
        return new Outcome(makespan, flashes, pieces, 0, 0);
    }

    private Optional<Tentacle> free(TestRun run, long now, Map<Tentacle, Long> freeAt, Map<Tentacle, String> firmware,
            Tentacle other, boolean asReference) {
        Tentacle best = null;
        for (Tentacle tentacle : testbed.tentacles()) {
            boolean able = asReference ? tentacle != other && tentacle.canReference(run) : tentacle.canRun(run);
            if (!able || freeAt.get(tentacle) > now) {
                continue;
            }
            String wanted = asReference ? tentacle.referenceVariant() : run.variant();
            if (best == null || wanted.equals(firmware.get(tentacle)) && !wanted.equals(firmware.get(best))) {
                best = tentacle;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * A lazy executor that ignores value: every free tentacle takes the first piece in discovery order
     * (group, variant, file) it can run; a two-board piece only when a reference is free too.
     */
    Outcome discoveryOrder() {
        List<Piece<SimulatedFile>> queue = new ArrayList<>(testbed.pieces());
        List<String> groupOrder = List.of("RUN-TESTS_STANDARD", "RUN-TESTS_EXTMOD_HARDWARE", "RUN-TESTS_NET_HOSTED",
                "RUN-TESTS_NET_INET", "RUN-PERFBENCH", "RUN-MULTITESTS_MULTINET", "RUN-MULTITESTS_MULTIBLUETOOTH");
        queue.sort(Comparator.comparingInt((Piece<SimulatedFile> piece) -> groupOrder.indexOf(piece.run().group())));
        Map<Tentacle, String> firmware = new HashMap<>();
        Map<Tentacle, Long> freeAt = new LinkedHashMap<>();
        testbed.tentacles().forEach(tentacle -> freeAt.put(tentacle, 0L));
        Set<Tentacle> retired = new HashSet<>();
        long makespan = 0;
        int flashes = 0;
        int pieces = 0;
        PriorityQueue<Long> times = new PriorityQueue<>();
        times.add(0L);
        while (!queue.isEmpty() && !times.isEmpty()) {
            long now = times.poll();
            while (!times.isEmpty() && times.peek() == now) {
                times.poll();
            }
            for (Tentacle tentacle : testbed.tentacles()) {
                if (retired.contains(tentacle) || freeAt.get(tentacle) > now) {
                    continue;
                }
                Piece<SimulatedFile> taken = null;
                Tentacle reference = null;
                for (Piece<SimulatedFile> piece : queue) {
                    if (!tentacle.canRun(piece.run())) {
                        continue;
                    }
                    if (piece.run().withReference()) {
                        reference = freeAt.keySet().stream()
                                .filter(other -> other != tentacle && other.canReference(piece.run())
                                        && freeAt.get(other) <= now)
                                .findFirst().orElse(null);
                        if (reference == null) {
                            continue;
                        }
                    }
                    taken = piece;
                    break;
                }
                if (taken == null) {
                    if (queue.stream().noneMatch(piece -> tentacle.canRun(piece.run())
                            || piece.run().withReference() && tentacle.canReference(piece.run()))) {
                        retired.add(tentacle);
                    }
                    continue;
                }
                queue.remove(taken);
                long flash = 0;
                if (!taken.run().variant().equals(firmware.get(tentacle))) {
                    flash = testbed.flashMillis().get(tentacle);
                    flashes++;
                    firmware.put(tentacle, taken.run().variant());
                }
                if (reference != null && !reference.referenceVariant().equals(firmware.get(reference))) {
                    flash = Math.max(flash, testbed.flashMillis().get(reference));
                    flashes++;
                    firmware.put(reference, reference.referenceVariant());
                }
                long end = now + flash + taken.item().actualMillis();
                freeAt.put(tentacle, end);
                if (reference != null) {
                    freeAt.put(reference, end);
                }
                times.add(end);
                makespan = Math.max(makespan, end);
                pieces++;
            }
        }
        return new Outcome(makespan, flashes, pieces, 0, 0);
    }

    /** The bound: total work / tentacles, the longest file, per-variant work / that variant's tentacles. */
    long simpleLowerBound() {
        long total = 0;
        long longest = 0;
        Map<String, Long> perVariant = new HashMap<>();
        for (Piece<SimulatedFile> piece : testbed.pieces()) {
            long millis = piece.item().actualMillis();
            total += piece.run().withReference() ? 2 * millis : millis;
            longest = Math.max(longest, millis);
            perVariant.merge(piece.run().variant(), millis, Long::sum);
        }
        long bound = Math.max(total / testbed.tentacles().size(), longest);
        for (Map.Entry<String, Long> variant : perVariant.entrySet()) {
            long able = testbed.tentacles().stream().filter(t -> t.variants().contains(variant.getKey())).count();
            bound = Math.max(bound, variant.getValue() / able);
        }
        return bound;
    }

    /**
     * Also a bound, and tighter: the work of every variant a tentacle offers can only be done by the
     * tentacles offering any of them (a board with four variants and one tentacle does all four),
     * and two-board work needs a reference tentacle for all of its time, as does the work of the
     * references' own board.
     */
    long lowerBound() {
        long bound = simpleLowerBound();
        Map<String, Long> perVariant = new HashMap<>();
        long referenceWork = 0;
        for (Piece<SimulatedFile> piece : testbed.pieces()) {
            perVariant.merge(piece.run().variant(), piece.item().actualMillis(), Long::sum);
            if (piece.run().withReference()) {
                referenceWork += piece.item().actualMillis();
            }
        }
        for (Tentacle tentacle : testbed.tentacles()) {
            Set<String> variants = Set.copyOf(tentacle.variants());
            long work = variants.stream().mapToLong(variant -> perVariant.getOrDefault(variant, 0L)).sum();
            long able = testbed.tentacles().stream()
                    .filter(other -> other.variants().stream().anyMatch(variants::contains)).count();
            bound = Math.max(bound, work / able);
        }
        List<Tentacle> references = testbed.tentacles().stream().filter(Tentacle::reference).toList();
        if (!references.isEmpty()) {
            // Besides the reference side of every two-board piece, the references alone run the work of
            // variants no other tentacle offers (their own board's).
            for (Map.Entry<String, Long> variant : perVariant.entrySet()) {
                boolean onlyReferences = testbed.tentacles().stream()
                        .filter(tentacle -> tentacle.variants().contains(variant.getKey()))
                        .allMatch(Tentacle::reference);
                if (onlyReferences) {
                    referenceWork += variant.getValue();
                }
            }
            bound = Math.max(bound, referenceWork / references.size());
        }
        return bound;
    }
}
