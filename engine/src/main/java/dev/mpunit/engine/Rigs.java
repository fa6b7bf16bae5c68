package dev.mpunit.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * The tentacles of one run. From {@code micropython.target}: every board (emulator, device) is a
 * tentacle of its own, and a local port is as many tentacles as {@code micropython.workers}; each
 * offers its one variant and every feature under test, and runs its firmware already.
 */
final class Rigs {

    private Rigs() {
    }

    static List<TentacleRig> fromTargets(EngineConfiguration configuration, Map<String, Integer> filesPerVariant,
            Targets targets) {
        List<TentacleRig> rigs = new ArrayList<>();
        filesPerVariant.forEach((variant, files) -> {
            TargetSpec target = configuration.target(variant);
            int instances = Math.min(target.board() ? target.boards() : configuration.workers(), files);
            TargetFactory factory = new FailingOnce(targets.factory(target));
            for (int instance = 1; instance <= instances; instance++) {
                Tentacle tentacle = new Tentacle(variant + "#" + instance, List.of(variant), TestRuns.EVERY_FUT, false);
                rigs.add(new TentacleRig(tentacle, factory, variant));
            }
        });
        return rigs;
    }

    /** A target that could not be opened once (not installed) is not tried again by every instance. */
    private static final class FailingOnce implements TargetFactory {

        private final TargetFactory factory;
        private TargetException failure;

        FailingOnce(TargetFactory factory) {
            this.factory = factory;
        }

        @Override
        public Target open() throws TargetException {
            synchronized (this) {
                if (failure != null) {
                    throw failure;
                }
            }
            try {
                return factory.open();
            } catch (TargetException e) {
                synchronized (this) {
                    failure = e;
                }
                throw e;
            }
        }
    }
}
