package dev.mpunit.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/**
 * The simulation benchmark: a testbed shaped like {@code ch_hans_1} in simulated time. It prints the
 * makespan of this bartender, of upstream's order and of discovery order, each against the lower
 * bound, and what one decision costs on a testbed of 1,000 tentacles and 100,000 files. Simulated
 * time is deterministic (seeded), so the goals are checked; the decision cost is real time and only
 * printed.
 */
class TestbedSimulationTest {

    private static final long[] SEEDS = {1, 2, 3};

    @Test
    void bartenderFinishesNearTheLowerBoundAndWellBeforeUpstreamOrder() {
        for (long seed : SEEDS) {
            SimulatedTestbed testbed = SimulatedTestbed.chHans1(seed);
            TestbedSimulation simulation = new TestbedSimulation(testbed);
            long bound = simulation.lowerBound();
            long simpleBound = simulation.simpleLowerBound();
            TestbedSimulation.Outcome bartender = simulation.bartender();
            TestbedSimulation.Outcome upstream = simulation.upstream(6);
            TestbedSimulation.Outcome discovery = simulation.discoveryOrder();
            System.out.printf(Locale.ROOT, "simulation ch_hans_1 seed %d: %d tentacles, %d pieces, lower bound %s"
                            + " (issue's bound %s)%n", seed, testbed.tentacles().size(), testbed.pieces().size(),
                    minutes(bound), minutes(simpleBound));
            print("(a) bartender", bartender, bound, simpleBound);
            print("(b) upstream order, <= 6 at once", upstream, bound, simpleBound);
            print("(c) discovery order", discovery, bound, simpleBound);
            System.out.printf(Locale.ROOT, "    bartender vs upstream: %.2fx faster%n",
                    (double) upstream.makespanMillis() / bartender.makespanMillis());

            assertThat(bartender.piecesRun()).isEqualTo(testbed.pieces().size());
            assertThat(discovery.piecesRun()).isEqualTo(testbed.pieces().size());
            assertThat(upstream.piecesRun()).isEqualTo(testbed.pieces().size());
            assertThat(bartender.makespanMillis()).isGreaterThanOrEqualTo(bound);
            assertThat((double) bartender.makespanMillis() / bound).isLessThanOrEqualTo(1.05);
            assertThat((double) upstream.makespanMillis() / bartender.makespanMillis()).isGreaterThanOrEqualTo(1.5);
        }
    }

    @Test
    void decisionCostWithAThousandTentaclesAndAHundredThousandFiles() {
        SimulatedTestbed testbed = SimulatedTestbed.large(1000, 100_000, 7);
        TestbedSimulation simulation = new TestbedSimulation(testbed);
        TestbedSimulation.Outcome outcome = simulation.bartender();
        System.out.printf(Locale.ROOT, "scheduler cost: 1000 tentacles, 100000 files: %d decisions, %.1f µs per"
                        + " decision (%.0f ms in all); makespan %.2f x lower bound%n", outcome.decisions(),
                outcome.decisionNanos() / 1000.0 / outcome.decisions(), outcome.decisionNanos() / 1e6,
                (double) outcome.makespanMillis() / simulation.lowerBound());
        assertThat(outcome.piecesRun()).isEqualTo(testbed.pieces().size());
    }

    private static void print(String name, TestbedSimulation.Outcome outcome, long bound, long simpleBound) {
        System.out.printf(Locale.ROOT, "    %-34s %s  %.3f x bound  (%.3f x issue's bound)  %d flashes%n", name,
                minutes(outcome.makespanMillis()), (double) outcome.makespanMillis() / bound,
                (double) outcome.makespanMillis() / simpleBound, outcome.flashes());
    }

    private static String minutes(long millis) {
        return String.format(Locale.ROOT, "%6.1f min", millis / 60000.0);
    }
}
