package dev.mpunit.engine.scheduling;

import dev.mpunit.engine.descriptor.GroupDescriptor;
import dev.mpunit.engine.descriptor.TestFileDescriptor;
import dev.mpunit.engine.descriptor.TestGroup;
import dev.mpunit.engine.descriptor.TestsRoot;
import dev.mpunit.engine.descriptor.VariantDescriptor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.CancellationToken;
import org.junit.platform.engine.UniqueId;

class BartenderTest {

    @TempDir
    Path tests;

    private TestFileDescriptor file(VariantDescriptor variant, String relativePath, int size) throws IOException {
        Path path = tests.resolve(relativePath);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "#".repeat(size));
        return new TestFileDescriptor(variant, new TestsRoot(tests, true), relativePath, false);
    }

    private static VariantDescriptor variant(TestGroup group, String name) {
        return new VariantDescriptor(new GroupDescriptor(UniqueId.forEngine("micropython"), group), name);
    }

    private static Tentacle tentacle(String id, String... variants) {
        return new Tentacle(id, List.of(variants), TestRuns.EVERY_FUT, false);
    }

    private static List<String> handOut(Bartender bartender, Tentacle tentacle) {
        List<String> order = new ArrayList<>();
        Optional<Assignment<TestFileDescriptor>> next;
        while ((next = bartender.next(tentacle)).isPresent()) {
            order.add(next.get().piece().item().relativePath());
            bartender.done(next.get());
        }
        return order;
    }

    /**
     * Asks for the tentacle's next piece on another thread and checks that the request ends in a
     * wait for work, not in an answer: the bartender says when the worker starts waiting, and the
     * request has not ended by then. Whatever the test does next takes the bartender's lock, so it
     * happens while the worker waits.
     */
    private static CompletableFuture<Optional<Assignment<TestFileDescriptor>>> waitingRequest(Bartender bartender,
            Tentacle tentacle) throws Exception {
        CompletableFuture<Tentacle> waits = new CompletableFuture<>();
        bartender.onWaiting(waiter -> {
            if (waiter.equals(tentacle)) {
                waits.complete(waiter);
            }
        });
        CompletableFuture<Optional<Assignment<TestFileDescriptor>>> request =
                CompletableFuture.supplyAsync(() -> bartender.next(tentacle));
        CompletableFuture.anyOf(waits, request).get(30, TimeUnit.SECONDS);
        assertThat(request).as("waits for work that may still come, does not give up").isNotDone();
        return request;
    }

    @Test
    void largestRunFirstThenLongestExpectedWorkNeverDiscoveryOrder() throws IOException {
        VariantDescriptor standard = variant(TestGroup.RUN_TESTS_STANDARD, "webassembly");
        VariantDescriptor hardware = variant(TestGroup.RUN_TESTS_EXTMOD_HARDWARE, "webassembly");
        List<TestFileDescriptor> files = List.of(
                file(hardware, "extmod_hardware/uart.py", 10),
                file(standard, "basics/a_small.py", 10),
                file(standard, "basics/b_big.py", 500),
                file(standard, "basics/c_medium.py", 100));
        Tentacle wasm = tentacle("webassembly#1", "webassembly");
        Bartender bartender = new Bartender(List.of(wasm), files, DurationHistory.none(), CancellationToken.create());
        // Every file counts the same without history: the standard run has the most work left until
        // both runs are down to one file each.
        assertThat(handOut(bartender, wasm)).startsWith("basics/b_big.py", "basics/c_medium.py")
                .containsExactlyInAnyOrder("basics/b_big.py", "basics/c_medium.py", "basics/a_small.py",
                        "extmod_hardware/uart.py");
    }

    @Test
    void fileOfALostTentacleGoesToTheNextTentacleOfItsVariantInItsPlace() throws IOException {
        VariantDescriptor microbit = variant(TestGroup.RUN_TESTS_STANDARD, "MICROBIT");
        Tentacle first = tentacle("e001-MICROBIT", "MICROBIT");
        Tentacle second = tentacle("e002-MICROBIT", "MICROBIT");
        Bartender bartender = new Bartender(List.of(first, second), List.of(file(microbit, "basics/big.py", 300),
                file(microbit, "basics/small.py", 10)), DurationHistory.none(), CancellationToken.create());
        Assignment<TestFileDescriptor> taken = bartender.next(first).orElseThrow();
        assertThat(taken.piece().item().relativePath()).isEqualTo("basics/big.py");
        bartender.lost(first, taken);
        assertThat(bartender.next(first)).as("a lost tentacle gets nothing more").isEmpty();
        assertThat(handOut(bartender, second)).containsExactly("basics/big.py", "basics/small.py");
    }

    @Test
    void idleTentacleWaitsWhileAnotherStillHoldsAFileThatMayComeBack() throws Exception {
        VariantDescriptor microbit = variant(TestGroup.RUN_TESTS_STANDARD, "MICROBIT");
        Tentacle first = tentacle("e001-MICROBIT", "MICROBIT");
        Tentacle second = tentacle("e002-MICROBIT", "MICROBIT");
        Bartender bartender = new Bartender(List.of(first, second), List.of(file(microbit, "basics/last.py", 10)),
                DurationHistory.none(), CancellationToken.create());
        Assignment<TestFileDescriptor> last = bartender.next(first).orElseThrow();
        CompletableFuture<Optional<Assignment<TestFileDescriptor>>> idle = waitingRequest(bartender, second);
        bartender.lost(first, last);
        Assignment<TestFileDescriptor> again = idle.get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(again.piece().item().relativePath()).isEqualTo("basics/last.py");
        bartender.done(again);
        assertThat(bartender.next(second)).isEmpty();
    }

    @Test
    void durationsOfEarlierRunsComeBeforeSize(@TempDir Path cache) throws IOException {
        VariantDescriptor standard = variant(TestGroup.RUN_TESTS_STANDARD, "webassembly");
        TestFileDescriptor slow = file(standard, "basics/slow.py", 10);
        TestFileDescriptor big = file(standard, "basics/big.py", 900);
        DurationHistory first = DurationHistory.load(cache);
        first.record(slow, 4000);
        first.record(big, 5);
        first.save();
        Tentacle wasm = tentacle("webassembly#1", "webassembly");
        Bartender bartender = new Bartender(List.of(wasm), List.of(big, slow), DurationHistory.load(cache),
                CancellationToken.create());
        assertThat(handOut(bartender, wasm)).containsExactly("basics/slow.py", "basics/big.py");
    }

    @Test
    void eachTentacleGetsOnlyWhatItCanRunAndCancellationStopsHandingOut() throws IOException {
        VariantDescriptor wasm = variant(TestGroup.RUN_TESTS_STANDARD, "webassembly");
        VariantDescriptor unix = variant(TestGroup.RUN_TESTS_STANDARD, "unix");
        CancellationToken token = CancellationToken.create();
        Tentacle wasmTentacle = tentacle("webassembly#1", "webassembly");
        Tentacle unixTentacle = tentacle("unix#1", "unix");
        Bartender bartender = new Bartender(List.of(wasmTentacle, unixTentacle), List.of(file(wasm, "basics/a.py", 1),
                file(unix, "basics/b.py", 1), file(unix, "basics/c.py", 2)), DurationHistory.none(), token);
        Assignment<TestFileDescriptor> only = bartender.next(wasmTentacle).orElseThrow();
        bartender.done(only);
        assertThat(bartender.next(wasmTentacle)).isEmpty();
        assertThat(bartender.next(unixTentacle)).map(a -> a.piece().item().relativePath()).contains("basics/c.py");
        token.cancel();
        assertThat(bartender.next(unixTentacle)).isEmpty();
        assertThat(bartender.drain()).extracting(TestFileDescriptor::relativePath).containsExactly("basics/b.py");
    }

    @Test
    void hardwareTestsGoOnlyToTentaclesWiredForThem() throws IOException {
        VariantDescriptor hardware = variant(TestGroup.RUN_TESTS_EXTMOD_HARDWARE, "RPI_PICO");
        Tentacle bare = new Tentacle("2731-RPI_PICO", List.of("RPI_PICO"), Set.of("MCU_ONLY"), false);
        Tentacle wired = new Tentacle("2732-RPI_PICO", List.of("RPI_PICO"), Set.of("MCU_ONLY", "EXTMOD_HARDWARE"),
                false);
        Bartender bartender = new Bartender(List.of(bare, wired), List.of(file(hardware, "extmod_hardware/uart.py", 1)),
                DurationHistory.none(), CancellationToken.create());
        assertThat(bartender.next(bare)).isEmpty();
        assertThat(handOut(bartender, wired)).containsExactly("extmod_hardware/uart.py");
    }

    @Test
    void aFirmwareStillBuildingHoldsBackOnlyItsOwnWork() throws Exception {
        VariantDescriptor riscv = variant(TestGroup.RUN_TESTS_STANDARD, "RPI_PICO2-RISCV");
        VariantDescriptor arm = variant(TestGroup.RUN_TESTS_STANDARD, "RPI_PICO2");
        Tentacle pico2 = tentacle("2731-RPI_PICO2", "RPI_PICO2", "RPI_PICO2-RISCV");
        Bartender bartender = new Bartender(List.of(pico2), List.of(file(riscv, "basics/r.py", 900),
                file(arm, "basics/a.py", 1)), DurationHistory.none(), CancellationToken.create());
        bartender.building("RPI_PICO2-RISCV");
        Assignment<TestFileDescriptor> first = bartender.next(pico2).orElseThrow();
        assertThat(first.variant()).as("the built firmware's work goes on").isEqualTo("RPI_PICO2");
        assertThat(first.flash()).as("nothing told the bartender what the tentacle runs").isTrue();
        bartender.done(first);
        CompletableFuture<Optional<Assignment<TestFileDescriptor>>> waiting = waitingRequest(bartender, pico2);
        bartender.built("RPI_PICO2-RISCV");
        Assignment<TestFileDescriptor> second = waiting.get(5, TimeUnit.SECONDS).orElseThrow();
        assertThat(second.variant()).isEqualTo("RPI_PICO2-RISCV");
        assertThat(second.flash()).isTrue();
        bartender.done(second);
        assertThat(bartender.next(pico2)).isEmpty();
    }

    @Test
    void aStoppedBartenderHandsOutNothingMoreWakesWhoWaitsAndLeavesTheRestToDrain() throws Exception {
        VariantDescriptor wasm = variant(TestGroup.RUN_TESTS_STANDARD, "webassembly");
        Tentacle first = tentacle("webassembly#1", "webassembly");
        Tentacle second = tentacle("webassembly#2", "webassembly");
        Bartender bartender = new Bartender(List.of(first, second), List.of(file(wasm, "basics/a.py", 300),
                file(wasm, "basics/b.py", 200), file(wasm, "basics/c.py", 100)), DurationHistory.none(),
                CancellationToken.create());
        bartender.building("webassembly");
        CompletableFuture<Optional<Assignment<TestFileDescriptor>>> waiting = waitingRequest(bartender, first);

        bartender.stop();

        assertThat(waiting.get(5, TimeUnit.SECONDS)).as("the waiting worker is woken with nothing").isEmpty();
        bartender.built("webassembly");
        assertThat(bartender.next(second)).isEmpty();
        assertThat(bartender.drain()).extracting(TestFileDescriptor::relativePath)
                .containsExactlyInAnyOrder("basics/a.py", "basics/b.py", "basics/c.py");
    }
}
