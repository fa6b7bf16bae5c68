package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.provider.TargetProvider;
import dev.mpunit.engine.provider.TargetRequest;

import java.util.List;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.local.UnixTarget;

/** {@code unix}: the unix port, one process per test as run-tests.py, {@code micropython.workers} at once. */
public final class UnixProvider implements TargetProvider {

    @Override
    public List<String> words() {
        return List.of("unix");
    }

    @Override
    public Instances instances() {
        return Instances.WORKERS;
    }

    /**
     * A warm run of upstream's tests on 2 cores: the tests' processes run 45 s in all, of which they
     * compute 5. Two at a time left the cores idle for half the run; eight kept them busy, but the
     * tests that time themselves (asyncio_fair.py, asyncio_wait_task.py) then failed now and then when
     * other work shared the machine; four did so rarely (docs/run-tests-comparison.md, "On the unix port").
     */
    @Override
    public int instancesPerCore() {
        return 2;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public boolean pcLike() {
        return true;
    }

    @Override
    public Target open(TargetRequest request) throws TargetException {
        EngineConfiguration configuration = request.configuration();
        return UnixTarget.open(new UnixTarget.Config(configuration.targets().unixMicropython().orElse(null),
                configuration.run().emit(), configuration.targets().unixMicropypath().orElse(null), configuration.run().cpython()));
    }
}
