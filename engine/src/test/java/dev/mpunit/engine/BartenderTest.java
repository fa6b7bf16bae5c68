package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    private static List<String> handOut(Bartender bartender, String variant) {
        List<String> order = new ArrayList<>();
        Optional<TestFileDescriptor> next;
        while ((next = bartender.next(variant)).isPresent()) {
            order.add(next.get().relativePath());
            bartender.done(next.get());
        }
        return order;
    }

    @Test
    void urgentGroupsFirstThenLongestExpectedWorkNeverDiscoveryOrder() throws IOException {
        VariantDescriptor standard = variant(TestGroup.RUN_TESTS_STANDARD, "webassembly");
        VariantDescriptor hardware = variant(TestGroup.RUN_TESTS_EXTMOD_HARDWARE, "webassembly");
        List<TestFileDescriptor> files = List.of(
                file(hardware, "extmod_hardware/uart.py", 10),
                file(standard, "basics/a_small.py", 10),
                file(standard, "basics/b_big.py", 500),
                file(standard, "basics/c_medium.py", 100));
        Bartender bartender = new Bartender(files, DurationHistory.none(), CancellationToken.create());
        assertThat(handOut(bartender, "webassembly"))
                .containsExactly("basics/b_big.py", "basics/c_medium.py", "basics/a_small.py", "extmod_hardware/uart.py");
    }

    @Test
    void fileGivenBackByALostBoardGoesToTheNextBoardOfItsVariantInItsPlace() throws IOException {
        VariantDescriptor microbit = variant(TestGroup.RUN_TESTS_STANDARD, "qemu-microbit");
        Bartender bartender = new Bartender(List.of(file(microbit, "basics/big.py", 300),
                file(microbit, "basics/small.py", 10)), DurationHistory.none(), CancellationToken.create());
        TestFileDescriptor taken = bartender.next("qemu-microbit").orElseThrow();
        assertThat(taken.relativePath()).isEqualTo("basics/big.py");
        bartender.giveBack(taken);
        assertThat(bartender.next("qemu-microbit")).map(TestFileDescriptor::relativePath).contains("basics/big.py");
    }

    @Test
    void idleBoardWaitsWhileAnotherStillHoldsAFileThatMayComeBack() throws Exception {
        VariantDescriptor microbit = variant(TestGroup.RUN_TESTS_STANDARD, "qemu-microbit");
        Bartender bartender = new Bartender(List.of(file(microbit, "basics/last.py", 10)), DurationHistory.none(),
                CancellationToken.create());
        TestFileDescriptor last = bartender.next("qemu-microbit").orElseThrow();
        java.util.concurrent.CompletableFuture<Optional<TestFileDescriptor>> idle =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> bartender.next("qemu-microbit"));
        Thread.sleep(200);
        assertThat(idle).isNotDone();
        bartender.giveBack(last);
        assertThat(idle.get(5, java.util.concurrent.TimeUnit.SECONDS)).contains(last);
        bartender.done(last);
        assertThat(bartender.next("qemu-microbit")).isEmpty();
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
        Bartender bartender = new Bartender(List.of(big, slow), DurationHistory.load(cache), CancellationToken.create());
        assertThat(handOut(bartender, "webassembly")).containsExactly("basics/slow.py", "basics/big.py");
    }

    @Test
    void eachVariantGetsOnlyItsOwnFilesAndCancellationStopsHandingOut() throws IOException {
        VariantDescriptor wasm = variant(TestGroup.RUN_TESTS_STANDARD, "webassembly");
        VariantDescriptor unix = variant(TestGroup.RUN_TESTS_STANDARD, "unix");
        CancellationToken token = CancellationToken.create();
        Bartender bartender = new Bartender(List.of(file(wasm, "basics/a.py", 1), file(unix, "basics/b.py", 1),
                file(unix, "basics/c.py", 2)), DurationHistory.none(), token);
        TestFileDescriptor only = bartender.next("webassembly").orElseThrow();
        bartender.done(only);
        assertThat(bartender.next("webassembly")).isEmpty();
        assertThat(bartender.next("unix")).map(TestFileDescriptor::relativePath).contains("basics/c.py");
        token.cancel();
        assertThat(bartender.next("unix")).isEmpty();
        assertThat(bartender.drain()).extracting(TestFileDescriptor::relativePath).containsExactly("basics/b.py");
    }
}
