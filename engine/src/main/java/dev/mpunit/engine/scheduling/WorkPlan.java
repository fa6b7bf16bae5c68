package dev.mpunit.engine.scheduling;

import java.util.ArrayList;
import java.util.Collection;
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
import java.util.function.Predicate;

/**
 * The bartender's decisions, without threads or clocks (docs/architecture.md, "Execution order"):
 * which piece a tentacle that just freed up gets. The simulation drives it with simulated time, the
 * engine's {@link Bartender} with worker threads.
 *
 * <p>A free tentacle stays on the firmware it has while that firmware still has work it can run
 * (a flash costs tens of seconds and gains nothing while the work is there); otherwise it takes the
 * variant whose remaining work is largest per tentacle able to run it, the one that would otherwise
 * finish last. Within the variant: the most urgent group first, then the longest piece first, so
 * the last pieces handed out are short ones and tentacles finish together. Redundant tentacles of a
 * variant draw from the same queue. A two-board piece also takes a reference tentacle; when the
 * reference is busy the piece waits for it (reserved), and the reference takes it next. Pieces marked
 * first (a change's own test files) go before all others: their variant before other variants on a
 * tentacle choosing one, their group before other groups, and before the other pieces of their group.
 *
 * <p>Not thread-safe: one caller at a time.
 */
public final class WorkPlan<T> {

    /** @param avoid a retry's failing tentacle, which takes it only when no other tentacle can; else null */
    private record Entry<T>(Piece<T> piece, long order, Tentacle avoid) {

        Entry(Piece<T> piece, long order) {
            this(piece, order, null);
        }
    }

    private final Map<TestRun, PriorityQueue<Entry<T>>> open = new LinkedHashMap<>();
    private final Map<TestRun, Long> remaining = new HashMap<>();
    private final Map<TestRun, Integer> held = new HashMap<>();
    private final Map<String, List<TestRun>> runsOfVariant = new HashMap<>();
    private final List<TestRun> pairRuns = new ArrayList<>();
    private final Set<Tentacle> live = new LinkedHashSet<>();
    private final List<Tentacle> references = new ArrayList<>();
    private final Map<TestRun, Integer> servers = new HashMap<>();
    private final Map<Tentacle, String> firmware = new HashMap<>();
    private final Set<String> building = new HashSet<>();
    /** Reference tentacle → the two-board piece waiting for it. */
    private final Map<Tentacle, Assignment<T>> reserved = new LinkedHashMap<>();
    private final Set<Tentacle> waitingForReference = new HashSet<>();
    /** Two-board pieces called off because one side was lost before they started (the piece went back). */
    private final Set<Assignment<T>> calledOff = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final Comparator<Entry<T>> pieceOrder;
    private final Predicate<T> first;
    /** The open pieces marked first, per run: a run with some goes before one without. */
    private final Map<TestRun, Integer> firstOpen = new HashMap<>();
    private long added;

    /**
     * @param tieBreak orders pieces of equal expected duration (file size, then path, say), so a
     *     run is repeatable
     */
    WorkPlan(Collection<Tentacle> tentacles, Collection<Piece<T>> pieces, Comparator<T> tieBreak) {
        this(tentacles, pieces, tieBreak, item -> false);
    }

    /** @param first the pieces handed out before all others (a change's own test files) */
    WorkPlan(Collection<Tentacle> tentacles, Collection<Piece<T>> pieces, Comparator<T> tieBreak, Predicate<T> first) {
        this.first = first;
        Comparator<Entry<T>> firstOnes = Comparator.comparing(entry -> !first.test(entry.piece().item()));
        Comparator<Entry<T>> longestFirst = Comparator.comparingLong(entry -> -entry.piece().expectedMillis());
        pieceOrder = firstOnes.thenComparing(longestFirst)
                .thenComparing((a, b) -> tieBreak.compare(a.piece().item(), b.piece().item()))
                .thenComparingLong(Entry::order);
        live.addAll(tentacles);
        tentacles.stream().filter(Tentacle::reference).forEach(references::add);
        pieces.forEach(this::add);
        runsOfVariant.values().forEach(runs -> runs.forEach(this::countServers));
    }

    private void add(Piece<T> piece) {
        TestRun run = piece.run();
        open.computeIfAbsent(run, key -> {
            runsOfVariant.computeIfAbsent(key.variant(), variant -> new ArrayList<>()).add(key);
            if (key.withReference()) {
                pairRuns.add(key);
            }
            return new PriorityQueue<>(pieceOrder);
        }).add(new Entry<>(piece, added++));
        opened(piece);
    }

    /** A piece open again (or for the first time): its run's remaining work and first pieces count it. */
    private void opened(Piece<T> piece) {
        remaining.merge(piece.run(), piece.expectedMillis(), Long::sum);
        if (first.test(piece.item())) {
            firstOpen.merge(piece.run(), 1, Integer::sum);
        }
    }

    private boolean hasFirst(TestRun run) {
        return firstOpen.getOrDefault(run, 0) > 0;
    }

    private void countServers(TestRun run) {
        servers.put(run, (int) live.stream().filter(tentacle -> tentacle.canRun(run)).count());
    }

    /** The tentacle runs this firmware already (found by the firmware check); unknown means a flash first. */
    void flashed(Tentacle tentacle, String variant) {
        firmware.put(tentacle, variant);
    }

    /** The variant's firmware is still being built: its work waits, nobody else's does. */
    void building(String variant) {
        building.add(variant);
    }

    void built(String variant) {
        building.remove(variant);
    }

    /**
     * The most valuable piece this free tentacle can run now. For a two-board piece whose reference
     * is busy, the reference is reserved and the piece starts when that reference asks next.
     *
     * @param idle which other tentacles are free right now (the reference of a two-board piece is
     *     taken from them first)
     */
    public Optional<Assignment<T>> pick(Tentacle tentacle, Predicate<Tentacle> idle) {
        Assignment<T> waiting = reserved.remove(tentacle);
        if (waiting != null) {
            waitingForReference.remove(waiting.tentacle());
            return Optional.of(waiting);
        }
        if (!live.contains(tentacle) || waitingForReference.contains(tentacle)) {
            return Optional.empty();
        }
        String current = firmware.get(tentacle);
        // First what can start now; only a tentacle with nothing else waits for a busy reference.
        boolean waitForReference = false;
        String variant = choose(tentacle, current, idle, false);
        if (variant == null && !tentacle.reference()) {
            waitForReference = true;
            variant = choose(tentacle, current, idle, true);
        }
        if (variant == null) {
            return Optional.empty();
        }
        TestRun run = mostUrgent(tentacle, variant, idle, waitForReference);
        Piece<T> piece = take(run, tentacle);
        boolean flash = !variant.equals(current);
        firmware.put(tentacle, variant);
        if (!run.withReference()) {
            return Optional.of(new Assignment<>(piece, tentacle, flash, Optional.empty(), false));
        }
        // An idle reference first: the pair starts at once.
        Tentacle idleReference = reference(tentacle, run, idle);
        Tentacle reference = idleReference != null ? idleReference : reference(tentacle, run, any -> true);
        boolean flashReference = !reference.referenceVariant().equals(firmware.get(reference));
        firmware.put(reference, reference.referenceVariant());
        Assignment<T> pair = new Assignment<>(piece, tentacle, flash, Optional.of(reference), flashReference);
        reserved.put(reference, pair);
        waitingForReference.add(tentacle);
        return Optional.of(pair);
    }

    /** Whether a two-board piece picked for a tentacle has been taken up by its reference, or called off. */
    boolean started(Assignment<T> pair) {
        return pair.reference().isEmpty() || reserved.get(pair.reference().get()) != pair;
    }

    /** Whether the two-board piece was called off (its piece went back): the waiting board asks again. */
    boolean calledOff(Assignment<T> pair) {
        return calledOff.remove(pair);
    }

    /** The run's most valuable open piece this tentacle may take: not a retry it should leave to another. */
    private Piece<T> take(TestRun run, Tentacle tentacle) {
        PriorityQueue<Entry<T>> queue = open.get(run);
        List<Entry<T>> leftForOthers = new ArrayList<>();
        Entry<T> entry = queue.poll();
        while (leaveToOthers(entry, run, tentacle)) {
            leftForOthers.add(entry);
            entry = queue.poll();
        }
        queue.addAll(leftForOthers);
        remaining.merge(run, -entry.piece().expectedMillis(), Long::sum);
        if (first.test(entry.piece().item())) {
            firstOpen.merge(run, -1, Integer::sum);
        }
        held.merge(run, 1, Integer::sum);
        return entry.piece();
    }

    /** Whether the run has an open piece this tentacle may take now. */
    private boolean openFor(TestRun run, Tentacle tentacle) {
        PriorityQueue<Entry<T>> queue = open.get(run);
        if (queue.isEmpty()) {
            return false;
        }
        if (!leaveToOthers(queue.peek(), run, tentacle)) {
            return true;
        }
        // Rare: only retries are ever left to others, so this looks past a few at most.
        for (Entry<T> entry : queue) {
            if (!leaveToOthers(entry, run, tentacle)) {
                return true;
            }
        }
        return false;
    }

    /** A retry that failed on this tentacle waits for another that can run it, while one is live. */
    private boolean leaveToOthers(Entry<T> entry, TestRun run, Tentacle tentacle) {
        if (entry.avoid() != tentacle) {
            return false;
        }
        for (Tentacle other : live) {
            if (other != tentacle && other.canRun(run)) {
                return true;
            }
        }
        return false;
    }

    private String choose(Tentacle tentacle, String current, Predicate<Tentacle> idle, boolean waitForReference) {
        if (current != null && tentacle.variants().contains(current)
                && mostUrgent(tentacle, current, idle, waitForReference) != null) {
            return current;
        }
        return mostCritical(tentacle, idle, waitForReference);
    }

    /** The variant (of those it can be flashed with) whose remaining work per able tentacle is largest. */
    private String mostCritical(Tentacle tentacle, Predicate<Tentacle> idle, boolean waitForReference) {
        String best = null;
        double bestLoad = -1;
        boolean bestFirst = false;
        for (String variant : tentacle.variants()) {
            TestRun urgent = mostUrgent(tentacle, variant, idle, waitForReference);
            if (urgent == null) {
                continue;
            }
            double load = 0;
            for (TestRun run : runsOfVariant.getOrDefault(variant, List.of())) {
                if (tentacle.canRun(run)) {
                    load += load(run);
                }
            }
            boolean withFirst = hasFirst(urgent);
            if (withFirst && !bestFirst || withFirst == bestFirst && load > bestLoad) {
                best = variant;
                bestLoad = load;
                bestFirst = withFirst;
            }
        }
        return best;
    }

    private double load(TestRun run) {
        return (double) remaining.getOrDefault(run, 0L) / Math.max(1, servers.getOrDefault(run, 1));
    }

    /**
     * The variant's most urgent group this tentacle can run now; the larger load among equals.
     * Two-board work goes first while a reference tentacle is free for it (a free reference is the
     * scarcest thing on a testbed: every WLAN and BLE board needs one). Waiting for a busy reference
     * is for a tentacle with nothing else to run; it is reserved then, so it cannot be taken by its
     * own queue before the waiting board gets it.
     */
    private TestRun mostUrgent(Tentacle tentacle, String variant, Predicate<Tentacle> idle, boolean waitForReference) {
        if (building.contains(variant)) {
            return null;
        }
        TestRun best = null;
        for (TestRun run : runsOfVariant.getOrDefault(variant, List.of())) {
            if (!openFor(run, tentacle) || !tentacle.canRun(run)
                    || run.withReference()
                            && reference(tentacle, run, waitForReference ? any -> true : idle) == null) {
                continue;
            }
            if (best == null || hasFirst(run) && !hasFirst(best) || hasFirst(run) == hasFirst(best)
                    && (run.withReference() && !best.withReference()
                            || run.withReference() == best.withReference() && (run.priority() < best.priority()
                                    || run.priority() == best.priority() && load(run) > load(best)))) {
                best = run;
            }
        }
        return best;
    }

    /**
     * A reference tentacle free to stand opposite this one in the run (not reserved, not waiting
     * itself, its firmware built) that also {@code suits}; {@code null} when there is none.
     */
    private Tentacle reference(Tentacle tentacle, TestRun run, Predicate<Tentacle> suits) {
        for (Tentacle candidate : references) {
            if (candidate != tentacle && candidate.canReference(run) && !reserved.containsKey(candidate)
                    && !waitingForReference.contains(candidate) && !building.contains(candidate.referenceVariant())
                    && suits.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** A piece handed out has ended, whatever its verdict. */
    public void done(Piece<T> piece) {
        held.merge(piece.run(), -1, Integer::sum);
    }

    /** A piece a tentacle took but could not run (it was lost): the next able tentacle gets it. */
    void giveBack(Piece<T> piece) {
        held.merge(piece.run(), -1, Integer::sum);
        open.get(piece.run()).add(new Entry<>(piece, added++));
        opened(piece);
    }

    /**
     * A piece that ended runs again (its file's next run): queued as a new piece of the same value.
     *
     * @param avoid the tentacle a failed run was on, for a retry that should run elsewhere; null for none
     */
    void again(Piece<T> piece, Tentacle avoid) {
        open.get(piece.run()).add(new Entry<>(piece, added++, avoid));
        opened(piece);
    }

    /**
     * The tentacle is out for the rest of the run (cannot flash, stopped answering after recovery): its
     * work moves to the others, and a two-board piece that waited on it (either side) goes back.
     */
    void lost(Tentacle tentacle) {
        live.remove(tentacle);
        references.remove(tentacle);
        firmware.remove(tentacle);
        for (Map.Entry<Tentacle, Assignment<T>> entry : List.copyOf(reserved.entrySet())) {
            Assignment<T> pair = entry.getValue();
            if (entry.getKey() == tentacle || pair.tentacle() == tentacle) {
                reserved.remove(entry.getKey());
                waitingForReference.remove(pair.tentacle());
                calledOff.add(pair);
                giveBack(pair.piece());
            }
        }
        runsOfVariant.values().forEach(runs -> runs.forEach(this::countServers));
    }

    /**
     * Whether nothing is left this tentacle could ever take: no open piece it (or it as a reference)
     * could run, and none handed out that may still come back.
     */
    public boolean finishedFor(Tentacle tentacle) {
        if (!live.contains(tentacle)) {
            return true;
        }
        for (String variant : tentacle.variants()) {
            for (TestRun run : runsOfVariant.getOrDefault(variant, List.of())) {
                if (tentacle.canRun(run) && stillToCome(run)) {
                    return false;
                }
            }
        }
        if (tentacle.reference()) {
            for (TestRun run : pairRuns) {
                if (tentacle.canReference(run) && stillToCome(run)) {
                    return false;
                }
            }
        }
        return reserved.get(tentacle) == null;
    }

    private boolean stillToCome(TestRun run) {
        return held.getOrDefault(run, 0) > 0 || !open.get(run).isEmpty() && servable(run);
    }

    /** Whether some live tentacle (and, for two-board pieces, a distinct reference) can run it. */
    private boolean servable(TestRun run) {
        for (Tentacle tentacle : live) {
            if (tentacle.canRun(run)) {
                if (!run.withReference()) {
                    return true;
                }
                for (Tentacle reference : references) {
                    if (reference != tentacle && reference.canReference(run)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The variant's firmware cannot be had (its build failed): its open pieces leave the plan, to be ended by the caller. */
    List<Piece<T>> withdraw(String variant) {
        building.remove(variant);
        List<Piece<T>> withdrawn = new ArrayList<>();
        for (TestRun run : runsOfVariant.getOrDefault(variant, List.of())) {
            PriorityQueue<Entry<T>> queue = open.get(run);
            while (!queue.isEmpty()) {
                withdrawn.add(queue.poll().piece());
            }
            remaining.put(run, 0L);
        }
        return withdrawn;
    }

    /** Every piece never handed out (nobody could run it, or the run was cancelled). */
    List<Piece<T>> drain() {
        List<Piece<T>> left = new ArrayList<>();
        open.values().forEach(queue -> {
            while (!queue.isEmpty()) {
                left.add(queue.poll().piece());
            }
        });
        remaining.replaceAll((run, millis) -> 0L);
        return left;
    }

    /** How many pieces are still open (not handed out). */
    int openPieces() {
        return open.values().stream().mapToInt(PriorityQueue::size).sum();
    }
}
