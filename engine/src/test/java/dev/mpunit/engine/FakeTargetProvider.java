package dev.mpunit.engine;

import dev.mpunit.engine.provider.TargetProvider;
import dev.mpunit.engine.provider.TargetRequest;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * {@code fake[*N]}: a target for the engine's own tests, found through {@code ServiceLoader} as any
 * kind of target is (registered in the test resources' {@code META-INF/services}). It runs nothing:
 * each file says what the fake does with it ({@link FakeTarget}), so engine behaviour is tested in
 * milliseconds on any machine. An inventory may name it as an emulator ({@code "emulator": "fake"}).
 *
 * <p>One provider is made per run (discovery finds it, execution uses it), so what its instances share (who met
 * whom, which file already lost its link once) lasts one run.
 */
public final class FakeTargetProvider implements TargetProvider {

    /** A key of the fake's own: what it calls its link in reports ({@code fake} unless set). */
    static final String PORT = "micropython.fake.port";

    /** Files whose {@code lost once} already happened in this run. */
    private final Set<String> lostOnce = ConcurrentHashMap.newKeySet();
    private final Map<Integer, FakeTarget.Meeting> meetings = new ConcurrentHashMap<>();
    /** How often each file's {@code print each} line was printed in this run. */
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Override
    public List<String> words() {
        return List.of("fake");
    }

    @Override
    public List<String> keys() {
        return List.of(PORT);
    }

    @Override
    public Instances instances() {
        return Instances.COUNTED;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public Target open(TargetRequest request) throws TargetException {
        String firmware = request.firmware().map(path -> path.getFileName().toString()).orElse("its own firmware");
        String link = request.configurationParameters().get(PORT).orElse("fake");
        return new FakeTarget(request.variant(), link + ":" + request.tentacle() + " (" + firmware + ")", this);
    }

    /**
     * One instance opened without a run's configuration, for tests of the execution core below the
     * engine (workers and the bartender driven directly); it calls itself {@code fake:<tentacle> (<variant>)}.
     */
    public Target instance(String variant, String tentacle) {
        return new FakeTarget(variant, "fake:" + tentacle + " (" + variant + ")", this);
    }

    /** 0 the first time {@code key} is asked for in this run, then 1, 2, … ({@code print each}). */
    int nextRun(String key) {
        return runs.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
    }

    /** Whether this is the first time in the run that this file loses its link ({@code lost once}). */
    boolean firstLoss(String file) {
        return lostOnce.add(file);
    }

    /** The run's meeting of {@code parties} executions ({@code meet N}). */
    FakeTarget.Meeting meeting(int parties) {
        return meetings.computeIfAbsent(parties, FakeTarget.Meeting::new);
    }
}
