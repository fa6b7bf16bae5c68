package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.provider.TargetProvider;

import java.util.Objects;

/**
 * One entry of {@code micropython.target}: which variant it is, which kind of target runs it and
 * how many boards share its files. {@code qemu-microbit*3} is three emulated micro:bits of the
 * variant {@code qemu-microbit}; a device string ({@code a0}, {@code port:/dev/ttyUSB0},
 * {@code execpty:…}) is one board, named by that string. {@link TargetKinds#parse} reads entries.
 *
 * @param variant the variant name in the descriptor tree
 * @param provider the kind of target
 * @param boards how many boards (emulators) to start; 0 for local ports, which use
 *     {@code micropython.workers} instances
 */
public record TargetSpec(String variant, TargetProvider provider, int boards) {

    public static final String WEBASSEMBLY = "webassembly";

    public TargetSpec {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(provider, "provider");
    }

    /** Whether each instance is a board of its own (emulated or real) rather than a worker of a local port. */
    public boolean board() {
        return provider.instances() != TargetProvider.Instances.WORKERS;
    }
}
