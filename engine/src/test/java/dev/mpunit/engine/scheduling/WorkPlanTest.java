package dev.mpunit.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkPlanTest {

    private static final Set<String> WIFI = Set.of("MCU_ONLY", "WLAN");
    private static final TestRun PICO2_STANDARD = new TestRun("RUN-TESTS_STANDARD", 10, "RPI_PICO2", Set.of("MCU_ONLY"),
            false);
    private static final TestRun RISCV_STANDARD = new TestRun("RUN-TESTS_STANDARD", 10, "RPI_PICO2-RISCV",
            Set.of("MCU_ONLY"), false);
    private static final TestRun ESP32_MULTINET = new TestRun("RUN-MULTITESTS_MULTINET", 50, "ESP32_GENERIC",
            Set.of("WLAN"), true);
    private static final TestRun ESP32_STANDARD = new TestRun("RUN-TESTS_STANDARD", 10, "ESP32_GENERIC",
            Set.of("MCU_ONLY"), false);

    private static Piece<String> piece(String name, TestRun run, long millis) {
        return new Piece<>(name, run, millis);
    }

    private static WorkPlan<String> plan(List<Tentacle> tentacles, List<Piece<String>> pieces) {
        return new WorkPlan<>(tentacles, pieces, Comparator.naturalOrder());
    }

    @Test
    void aTentacleStaysOnItsFirmwareWhileItHasWorkThenTakesTheVariantWithMostWorkLeft() {
        Tentacle pico2 = new Tentacle("2731-RPI_PICO2", List.of("RPI_PICO2", "RPI_PICO2-RISCV"), Set.of("MCU_ONLY"),
                false);
        WorkPlan<String> plan = plan(List.of(pico2), List.of(piece("arm-long", PICO2_STANDARD, 1000),
                piece("riscv-1", RISCV_STANDARD, 9000), piece("riscv-2", RISCV_STANDARD, 9000),
                piece("arm-short", PICO2_STANDARD, 10)));
        plan.flashed(pico2, "RPI_PICO2");
        List<String> order = new java.util.ArrayList<>();
        List<Boolean> flashes = new java.util.ArrayList<>();
        java.util.Optional<Assignment<String>> next;
        while ((next = plan.pick(pico2, t -> false)).isPresent()) {
            order.add(next.get().piece().item());
            flashes.add(next.get().flash());
            plan.done(next.get().piece());
        }
        assertThat(order).containsExactly("arm-long", "arm-short", "riscv-1", "riscv-2");
        assertThat(flashes).containsExactly(false, false, true, false);
        assertThat(plan.finishedFor(pico2)).isTrue();
    }

    @Test
    void aRetryWaitsForAnotherTentacleOfItsVariantAndGoesBackToItsOwnWhenNoOtherIsLeft() {
        Tentacle first = new Tentacle("pico2#1", List.of("RPI_PICO2"), Set.of("MCU_ONLY"), false);
        Tentacle second = new Tentacle("pico2#2", List.of("RPI_PICO2"), Set.of("MCU_ONLY"), false);
        WorkPlan<String> plan = plan(List.of(first, second), List.of(piece("basics/flaky.py", PICO2_STANDARD, 1000)));
        Assignment<String> failed = plan.pick(first, t -> false).orElseThrow();
        plan.done(failed.piece());
        plan.again(failed.piece(), first);

        assertThat(plan.pick(first, t -> false)).as("the retry is left to the other tentacle").isEmpty();
        assertThat(plan.finishedFor(first)).as("it may still come back").isFalse();
        Assignment<String> retry = plan.pick(second, t -> false).orElseThrow();
        assertThat(retry.piece().item()).isEqualTo("basics/flaky.py");
        plan.done(retry.piece());
        plan.again(retry.piece(), second);

        plan.lost(first);
        assertThat(plan.pick(second, t -> false)).as("no other tentacle is left: its own takes it")
                .map(assignment -> assignment.piece().item()).contains("basics/flaky.py");
    }

    @Test
    void anotherRunOfAFileThatDidNotFailGoesToWhicheverTentacleAsks() {
        Tentacle first = new Tentacle("pico2#1", List.of("RPI_PICO2"), Set.of("MCU_ONLY"), false);
        Tentacle second = new Tentacle("pico2#2", List.of("RPI_PICO2"), Set.of("MCU_ONLY"), false);
        WorkPlan<String> plan = plan(List.of(first, second), List.of(piece("basics/a.py", PICO2_STANDARD, 1000)));
        Assignment<String> ran = plan.pick(first, t -> false).orElseThrow();
        plan.done(ran.piece());
        plan.again(ran.piece(), null);

        assertThat(plan.pick(first, t -> false)).map(assignment -> assignment.piece().item()).contains("basics/a.py");
    }

    @Test
    void twoBoardWorkGoesFirstWhileAReferenceIsFree() {
        Tentacle esp32 = new Tentacle("1111-ESP32_GENERIC", List.of("ESP32_GENERIC"), WIFI, false);
        Tentacle reference = new Tentacle("2222-RPI_PICO_W", List.of("RPI_PICO_W"), WIFI, true);
        WorkPlan<String> plan = plan(List.of(esp32, reference), List.of(piece("multi_net/tcp.py", ESP32_MULTINET, 5000),
                piece("basics/a.py", ESP32_STANDARD, 90000)));
        Assignment<String> pair = plan.pick(esp32, reference::equals).orElseThrow();
        assertThat(pair.piece().item()).isEqualTo("multi_net/tcp.py");
        assertThat(pair.reference()).contains(reference);
        assertThat(plan.pick(reference, t -> false)).as("the free reference takes it up at once").contains(pair);
        assertThat(plan.started(pair)).isTrue();
    }

    @Test
    void aBoardWithNothingElseReservesABusyReferenceWhichTakesItNext() {
        Tentacle esp32 = new Tentacle("1111-ESP32_GENERIC", List.of("ESP32_GENERIC"), WIFI, false);
        Tentacle reference = new Tentacle("2222-RPI_PICO_W", List.of("RPI_PICO_W"), WIFI, true);
        WorkPlan<String> plan = plan(List.of(esp32, reference), List.of(piece("multi_net/tcp.py", ESP32_MULTINET, 5000),
                piece("basics/a.py", ESP32_STANDARD, 100)));
        Assignment<String> own = plan.pick(esp32, t -> false).orElseThrow();
        assertThat(own.piece().item()).as("the reference is busy: its own work meanwhile").isEqualTo("basics/a.py");
        plan.done(own.piece());
        Assignment<String> pair = plan.pick(esp32, t -> false).orElseThrow();
        assertThat(pair.piece().item()).isEqualTo("multi_net/tcp.py");
        assertThat(plan.started(pair)).isFalse();
        assertThat(plan.pick(esp32, t -> false)).as("the board waits for its reference").isEmpty();
        assertThat(plan.pick(reference, t -> false)).contains(pair);
        assertThat(plan.started(pair)).isTrue();
        plan.done(pair.piece());
        assertThat(plan.finishedFor(esp32)).isTrue();
        assertThat(plan.finishedFor(reference)).isTrue();
    }

    @Test
    void aLostReferenceGivesItsReservedPieceBackAndNobodyWaitsForWorkNoOneCanRun() {
        Tentacle esp32 = new Tentacle("1111-ESP32_GENERIC", List.of("ESP32_GENERIC"), WIFI, false);
        Tentacle reference = new Tentacle("2222-RPI_PICO_W", List.of("RPI_PICO_W"), WIFI, true);
        WorkPlan<String> plan = plan(List.of(esp32, reference), List.of(piece("multi_net/tcp.py", ESP32_MULTINET, 5000)));
        Assignment<String> pair = plan.pick(esp32, t -> false).orElseThrow();
        plan.lost(reference);
        assertThat(plan.started(pair)).as("the waiting board stops waiting").isTrue();
        assertThat(plan.calledOff(pair)).as("and does not run it alone").isTrue();
        assertThat(plan.finishedFor(esp32)).as("no reference is left for the two-board piece").isTrue();
        assertThat(plan.drain()).extracting(Piece::item).containsExactly("multi_net/tcp.py");
        assertThat(pair.reference()).contains(reference);
    }

    @Test
    void redundantTentaclesShareOneQueueLongestFirst() {
        Tentacle first = new Tentacle("0001-RPI_PICO2", List.of("RPI_PICO2"), Set.of("MCU_ONLY"), false);
        Tentacle second = new Tentacle("0002-RPI_PICO2", List.of("RPI_PICO2"), Set.of("MCU_ONLY"), false);
        WorkPlan<String> plan = plan(List.of(first, second), List.of(piece("a", PICO2_STANDARD, 1),
                piece("b", PICO2_STANDARD, 3), piece("c", PICO2_STANDARD, 2)));
        assertThat(plan.pick(first, t -> true)).map(a -> a.piece().item()).contains("b");
        assertThat(plan.pick(second, t -> true)).map(a -> a.piece().item()).contains("c");
        assertThat(plan.pick(first, t -> true)).map(a -> a.piece().item()).contains("a");
        assertThat(plan.pick(second, t -> true)).isEmpty();
        assertThat(plan.finishedFor(second)).as("pieces still held may come back").isFalse();
    }

    /** A change's own test files (micropython.first-files) go before longer files, bigger groups and bigger variants. */
    @Test
    void piecesMarkedFirstGoBeforeLongerOnesOtherGroupsAndOtherVariants() {
        TestRun pico2Hardware = new TestRun("RUN-TESTS_EXTMOD_HARDWARE", 10, "RPI_PICO2", Set.of("MCU_ONLY"), false);
        Tentacle pico2 = new Tentacle("2731-RPI_PICO2", List.of("RPI_PICO2", "RPI_PICO2-RISCV"), Set.of("MCU_ONLY"),
                false);
        List<Piece<String>> pieces = List.of(piece("arm-long", PICO2_STANDARD, 9000), piece("arm-changed", PICO2_STANDARD, 10),
                piece("hardware-changed", pico2Hardware, 5), piece("riscv-long", RISCV_STANDARD, 90000),
                piece("riscv-changed", RISCV_STANDARD, 1));
        WorkPlan<String> plan = new WorkPlan<>(List.of(pico2), pieces, Comparator.naturalOrder(),
                item -> item.endsWith("-changed"));
        List<String> order = new java.util.ArrayList<>();
        java.util.Optional<Assignment<String>> next;
        while ((next = plan.pick(pico2, t -> false)).isPresent()) {
            order.add(next.get().piece().item());
            plan.done(next.get().piece());
        }
        // Without the marks: riscv-long (the variant with the most work), riscv-changed, then RPI_PICO2's.
        // With them the first tentacle's variant choice, then its groups, take the changed files first; the
        // tentacle stays on a firmware while that has work (a flash costs more than any order gains).
        assertThat(order).containsExactly("riscv-changed", "riscv-long", "arm-changed", "hardware-changed", "arm-long");
    }

    @Test
    void aPieceMarkedFirstThatComesBackStillGoesFirst() {
        Tentacle first = new Tentacle("0001-RPI_PICO2", List.of("RPI_PICO2"), Set.of("MCU_ONLY"), false);
        WorkPlan<String> plan = new WorkPlan<>(List.of(first), List.of(piece("a", PICO2_STANDARD, 9),
                piece("changed", PICO2_STANDARD, 1)), Comparator.naturalOrder(), item -> item.equals("changed"));
        Assignment<String> taken = plan.pick(first, t -> false).orElseThrow();
        assertThat(taken.piece().item()).isEqualTo("changed");
        plan.again(taken.piece(), null);
        plan.done(taken.piece());
        assertThat(plan.pick(first, t -> false)).map(a -> a.piece().item()).contains("changed");
    }
}
