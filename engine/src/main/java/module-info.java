/**
 * The {@code micropython} test engine for the JUnit Platform: it discovers MicroPython test files
 * (upstream's {@code tests/} or anyone's), schedules them on tentacles through the bartender, runs
 * them on targets and judges them as upstream's test scripts do ({@code docs/architecture.md}).
 *
 * <p>What users call: the engine itself (through the JUnit Platform, by its id), its configuration
 * keys ({@link dev.mpunit.engine.ConfigurationKeys}) and the target provider interface, for a kind
 * of target of one's own ({@link dev.mpunit.engine.provider.TargetProvider}). The phases' packages
 * (discovery, descriptors, scheduling, tentacles, execution, verdicts) stay inside.
 */
module dev.mpunit.engine {
    requires transitive org.junit.platform.engine;
    requires transitive dev.mpunit.hardware;
    requires dev.mpunit.contract;
    // The quarantine file is JSON.
    requires tools.jackson.databind;
    // LocalCapacity reads the machine's memory for the default of micropython.max-local-tentacles.
    requires jdk.management;

    exports dev.mpunit.engine;
    exports dev.mpunit.engine.provider;

    uses dev.mpunit.engine.provider.TargetProvider;

    provides org.junit.platform.engine.TestEngine with dev.mpunit.engine.MicroPythonTestEngine;
    provides dev.mpunit.engine.provider.TargetProvider with
            dev.mpunit.engine.tentacle.WebAssemblyProvider,
            dev.mpunit.engine.tentacle.UnixProvider,
            dev.mpunit.engine.tentacle.QemuMicrobitProvider,
            dev.mpunit.engine.tentacle.WebAssemblyPtyProvider,
            dev.mpunit.engine.tentacle.DeviceProvider;
}
