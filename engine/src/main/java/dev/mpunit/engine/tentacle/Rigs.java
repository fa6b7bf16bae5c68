package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.scheduling.Tentacle;
import dev.mpunit.engine.scheduling.TestRuns;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;
import dev.mpunit.hardware.testbed.Testbed;

/**
 * The tentacles of one run, from a testbed inventory or from {@code micropython.target}.
 */
public final class Rigs {

    private Rigs() {
    }

    /**
     * From {@code micropython.target}: every board (emulator, device) is a tentacle of its own, and a
     * local port is as many tentacles as {@code micropython.workers} (by default its kind's instances
     * per core on each core); each offers its one variant and every feature under test, and runs its
     * firmware already. A local port's last tentacle is the reference of its two-board work. A board
     * on a device string is connected by hand ({@link HandConnected}).
     */
    public static List<TentacleRig> fromTargets(EngineConfiguration configuration, Map<String, Integer> filesPerVariant,
            Targets targets) {
        List<TentacleRig> rigs = new ArrayList<>();
        filesPerVariant.forEach((variant, files) -> {
            TargetSpec target = configuration.targets().target(variant);
            int perCore = target.provider().instancesPerCore();
            int instances = Math.min(target.board() ? target.boards() : configuration.run().workers(perCore), files);
            FailingOnce failure = new FailingOnce();
            for (int instance = 1; instance <= instances; instance++) {
                String id = variant + "#" + instance;
                // Two unix instances are run-multitests.py's default pair. One reference, so one
                // two-board test at a time: local instances share this machine's network, and
                // upstream's multi_net servers all listen on port 8000.
                boolean reference = !target.board() && instance == instances;
                Tentacle tentacle = new Tentacle(id, List.of(variant), TestRuns.EVERY_FUT, reference);
                TargetFactory factory = failure.guarding(targets.factory(target, id));
                if (target.provider() instanceof DeviceProvider) {
                    // A board on a device string is used as found: its record says so.
                    factory = new HandConnected(factory, "device " + variant);
                }
                rigs.add(new TentacleRig(tentacle, factory, variant, target.provider().local(), perCore));
            }
        });
        return rigs;
    }

    /**
     * The entries of a testbed inventory that a run of these files drives through their hubs: they
     * need the testbed lock ({@link RunTestbed}).
     */
    public static List<TentacleSpec> realTentacles(Testbed testbed, Map<String, Integer> filesPerVariant) {
        return testbed.tentacles().stream().filter(RunTestbed::real)
                .filter(spec -> spec.variants().stream().anyMatch(filesPerVariant::containsKey)).toList();
    }

    /**
     * From a testbed inventory: one tentacle per entry that offers a variant in the tree, named by
     * its label ({@code 2731-RPI_PICO2}), offering its FUTs. A tentacle of one variant runs its
     * firmware already; one of several is flashed whenever it changes variant.
     */
    public static List<TentacleRig> fromTestbed(Testbed testbed, Map<String, Integer> filesPerVariant, Targets targets,
            Firmwares firmwares, Optional<RunTestbed> realTentacles) {
        List<TentacleRig> rigs = new ArrayList<>();
        for (TentacleSpec spec : testbed.tentacles()) {
            if (spec.variants().stream().noneMatch(filesPerVariant::containsKey)) {
                continue;
            }
            Tentacle tentacle = new Tentacle(spec.label(), spec.variants(),
                    spec.futs().stream().map(Enum::name).collect(Collectors.toSet()), spec.reference());
            // One variant: the board runs it already. Several: which one is unknown, the first flashes.
            String firmware = spec.variants().size() == 1 ? spec.variants().get(0) : null;
            boolean local = spec.dut() instanceof DutAccess.Emulator emulator
                    && targets.configuration().targets().kinds().emulator(emulator.kind()).local();
            rigs.add(new TentacleRig(tentacle, targets.tentacle(spec, firmwares, realTentacles), firmware, local));
        }
        return rigs;
    }

    /**
     * At most {@code limit} of the tentacles that run on this machine, taken in turn from each
     * variant so that every variant keeps one (a variant without any would not run at all, so with
     * more variants than {@code limit} each keeps exactly one); the others stay idle. A tentacle of a
     * kind that carries several per core counts as that fraction of one (8 unix instances, 2 per core, are 4).
     * Tentacles elsewhere (boards on serial lines) are all kept. {@code warning} hears once what was
     * left idle.
     */
    public static List<TentacleRig> bounded(List<TentacleRig> rigs, int limit, Consumer<String> warning) {
        long local = rigs.stream().filter(TentacleRig::local).count();
        if (load(rigs) <= limit) {
            return rigs;
        }
        Map<String, Deque<TentacleRig>> byVariant = new LinkedHashMap<>();
        rigs.stream().filter(TentacleRig::local).forEach(rig -> byVariant
                .computeIfAbsent(rig.tentacle().variants().get(0), variant -> new ArrayDeque<>()).add(rig));
        Set<TentacleRig> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        byVariant.values().forEach(queue -> kept.add(queue.poll()));
        boolean more = true;
        while (more) {
            more = false;
            for (Deque<TentacleRig> queue : byVariant.values()) {
                if (!queue.isEmpty() && load(kept) + queue.peek().load() <= limit) {
                    kept.add(queue.poll());
                    more = true;
                }
            }
        }
        String fractions = rigs.stream().filter(rig -> rig.local() && rig.perCore() > 1)
                .map(rig -> ", a " + rig.tentacle().variants().get(0) + " instance counting as 1/" + rig.perCore())
                .distinct().collect(Collectors.joining());
        warning.accept(local + " tentacles would run on this machine, which carries " + limit + " at once ("
                + ConfigurationKeys.MAX_LOCAL_TENTACLES + fractions + "): " + kept.size() + " run the tests, "
                + (local - kept.size()) + " stay idle");
        return rigs.stream().filter(rig -> !rig.local() || kept.contains(rig)).toList();
    }

    private static double load(Collection<TentacleRig> rigs) {
        return rigs.stream().mapToDouble(TentacleRig::load).sum();
    }

    /** A target that could not be opened once (not installed) is not tried again by every instance of its entry. */
    private static final class FailingOnce {

        private TargetException failure;

        TargetFactory guarding(TargetFactory factory) {
            return variant -> {
                synchronized (this) {
                    if (failure != null) {
                        throw failure;
                    }
                }
                try {
                    return factory.open(variant);
                } catch (TargetException e) {
                    synchronized (this) {
                        failure = e;
                    }
                    throw e;
                }
            };
        }
    }
}
