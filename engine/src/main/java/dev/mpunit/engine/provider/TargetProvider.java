package dev.mpunit.engine.provider;

import java.util.List;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;

/**
 * One kind of {@code micropython.target} value: the words (or forms) it takes, how many instances
 * an entry stands for, and how to open one. Providers are found through {@link java.util.ServiceLoader}
 * (a line in {@code META-INF/services/dev.mpunit.engine.provider.TargetProvider}, or {@code provides} in a
 * module descriptor), once per run: discovery finds them and execution uses the same ones, so a provider
 * may keep what one run's instances share in its fields. A new kind of
 * target is one class: the engine's own kinds (webassembly, unix, qemu-microbit, webassembly-pty,
 * device strings) are providers like any other.
 *
 * <p>An implementation must be public with a public no-argument constructor, as {@code ServiceLoader}
 * requires. Nothing is opened at discovery: {@link #open} runs on the worker of the tentacle that
 * first needs the target.
 */
public interface TargetProvider {

    /** How many tentacles one {@code micropython.target} entry of this kind stands for. */
    enum Instances {
        /** A port run on this machine: {@code micropython.workers} instances; {@code *N} is refused. */
        WORKERS,
        /** Boards or emulators started by mpunit: {@code kind*N} is N of them, one without a count. */
        COUNTED,
        /** One board, named by the entry itself (a device string); {@code *N} is refused. */
        ONE
    }

    /**
     * The words of {@code micropython.target} this provider takes ({@code qemu-microbit}); the
     * nearest one is offered for a misspelt entry. Empty for a provider of forms rather than words.
     */
    List<String> words();

    /**
     * Whether this provider takes an entry (its {@code *N} count removed): by default, one of its words.
     *
     * @throws IllegalArgumentException when the entry is of this kind but cannot be used; the message
     *     says why and is shown after the list of accepted kinds
     */
    default boolean takes(String entry) {
        return words().contains(entry);
    }

    /** The accepted forms, for the message of an entry no provider takes: its words, {@code [*N]} when counted. */
    default String forms() {
        String count = instances() == Instances.COUNTED ? "[*N]" : "";
        return String.join(", ", words().stream().map(word -> word + count).toList());
    }

    Instances instances();

    /**
     * How many instances of this kind one core carries. A kind of {@link Instances#WORKERS} runs this
     * many per core when {@code micropython.workers} is not set, and {@code micropython.max-local-tentacles}
     * counts each of its instances as this fraction of a tentacle. A node host computes whenever it runs a
     * test: 1. A unix port's test is a process of its own that, in upstream's tests, mostly sleeps
     * (asyncio, threads, timers): one per core would leave the cores idle.
     */
    default int instancesPerCore() {
        return 1;
    }

    /**
     * Whether the instances run on this machine (a node host, a process, an emulator): they are
     * counted by {@code micropython.max-local-tentacles}. A board on a serial line is not.
     */
    boolean local();

    /**
     * The {@code micropython.*} keys this kind reads of its own ({@code micropython.<word>.…}), read
     * from {@link TargetRequest#configurationParameters()}; any other key the engine does not know is
     * refused as misspelt. The engine's own kinds read keys of the engine's list.
     */
    default List<String> keys() {
        return List.of();
    }

    /** Whether run-tests.py treats the target as a PC (the unix port): it runs {@code cmdline/} specially. */
    default boolean pcLike() {
        return false;
    }

    /**
     * A setting that is wrong for the whole run rather than for one instance, found before any test
     * runs (a webassembly version npm does not have). Asked once per variant of this kind.
     *
     * @throws TargetException whose message is the run's failure
     */
    default void checkBeforeRun(TargetRequest request) throws TargetException {
    }

    /**
     * Opens one instance for the request's variant. A target that cannot be opened takes its
     * tentacle out of the run, with this exception's message as the reason.
     */
    Target open(TargetRequest request) throws TargetException;
}
