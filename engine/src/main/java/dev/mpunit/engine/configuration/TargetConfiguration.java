package dev.mpunit.engine.configuration;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.mpunit.engine.tentacle.TargetKinds;
import dev.mpunit.engine.tentacle.TargetSpec;
import dev.mpunit.hardware.board.Pacing;

/**
 * What MicroPython runs on: the kinds of target found, the {@code micropython.target} entries read
 * through them, and the settings of each kind (webassembly, unix, QEMU, boards and their serial lines).
 */
public record TargetConfiguration(
        TargetKinds kinds,
        List<TargetSpec> entries,
        String webassemblyVersion,
        Optional<Path> webassemblyMjs,
        String node,
        String npm,
        Optional<Path> unixMicropython,
        Optional<String> unixMicropypath,
        Optional<Path> qemu,
        Optional<Path> qemuMicrobitFirmware,
        Optional<Pacing> boardPacing,
        boolean boardCalibrate,
        Duration boardReplTimeout,
        int serialBaudrate) {

    /** The configured target of a variant, or the variant name read as a target (a re-run by unique id). */
    public TargetSpec target(String variant) {
        return entries.stream().filter(target -> target.variant().equals(variant)).findFirst()
                .orElseGet(() -> kinds.parse(variant));
    }
}
