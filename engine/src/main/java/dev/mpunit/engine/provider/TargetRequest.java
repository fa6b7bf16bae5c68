package dev.mpunit.engine.provider;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.tentacle.Targets;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.Board;
import dev.mpunit.hardware.board.BoardTarget;
import dev.mpunit.hardware.local.WebAssemblyInstallation;

/**
 * What a {@link TargetProvider} is asked to open: which variant, for which tentacle, on which
 * firmware, under the run's configuration. The engine's own providers also reach the run's parsed
 * configuration and what its targets share (one webassembly installation for every instance).
 */
public final class TargetRequest {

    private final String variant;
    private final String tentacle;
    private final Firmware firmware;
    private final String boardName;
    private final Targets run;

    /** @param boardName what a board target calls itself in reports: the variant, or a testbed entry's label */
    public TargetRequest(String variant, String tentacle, Firmware firmware, String boardName, Targets run) {
        this.variant = Objects.requireNonNull(variant, "variant");
        this.tentacle = Objects.requireNonNull(tentacle, "tentacle");
        this.firmware = Objects.requireNonNull(firmware, "firmware");
        this.boardName = Objects.requireNonNull(boardName, "boardName");
        this.run = Objects.requireNonNull(run, "run");
    }

    /** The variant to run: the {@code micropython.target} entry ({@code qemu-microbit}), or a testbed's variant. */
    public String variant() {
        return variant;
    }

    /** The tentacle the target is for: {@code qemu-microbit#2}, or a testbed entry's label. */
    public String tentacle() {
        return tentacle;
    }

    /**
     * The firmware file the instance must run (a testbed emulator's, or the variant's build when the
     * emulator offers several); empty for its own. Looked up when asked, so a kind without firmware
     * files never needs one.
     *
     * @throws TargetException when the variant's firmware is not there: that file fails, the tentacle stays
     */
    public Optional<Path> firmware() throws TargetException {
        return firmware.find();
    }

    /** Where an instance's firmware file is found. */
    @FunctionalInterface
    public interface Firmware {
        Firmware OWN = Optional::empty;

        Optional<Path> find() throws TargetException;
    }

    /** The run's {@code micropython.*} configuration parameters. */
    public ConfigurationParameters configurationParameters() {
        return run.parameters();
    }

    public EngineConfiguration configuration() {
        return run.configuration();
    }

    /** The run's one webassembly MicroPython from npm, installed at the first request. */
    public WebAssemblyInstallation webassembly() throws TargetException {
        return run.webassembly();
    }

    /** A board target with the run's board settings (pacing, calibration, REPL timeout). */
    public BoardTarget board(Board board) {
        return run.board(boardName, board);
    }
}
