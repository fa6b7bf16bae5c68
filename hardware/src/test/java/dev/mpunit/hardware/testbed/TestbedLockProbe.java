package dev.mpunit.hardware.testbed;

import java.nio.file.Path;

/** A run in another JVM that takes the testbed lock given as its argument, says so and waits to be killed. */
public final class TestbedLockProbe {

    private TestbedLockProbe() {
    }

    public static void main(String[] args) throws Exception {
        TestbedLock lock = TestbedLock.take(Path.of(args[0]), TestbedLock.Holder.thisProcess());
        System.out.println("locked " + lock.holder().pid());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
