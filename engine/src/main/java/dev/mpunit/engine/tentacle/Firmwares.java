package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.mpunit.hardware.TargetException;

/**
 * Where each variant's firmware is ({@code micropython.firmware.dir}): {@code <variant>.<ext>},
 * {@code <variant>/firmware.<ext>} or {@code build-<variant>/firmware.<ext>}, in MicroPython's
 * firmware formats. Looked up when a tentacle is flashed, so a build running in the background may
 * still put it there.
 */
public final class Firmwares {

    private static final List<String> FORMATS = List.of("hex", "uf2", "bin", "dfu", "elf");

    private final Optional<Path> directory;

    public Firmwares(Optional<Path> directory) {
        this.directory = directory;
    }

    /** A variant's firmware is not there: that variant's tests fail, the tentacle stays in for the others. */
    public static final class Missing extends TargetException {
        Missing(String message) {
            super(message);
        }
    }

    /** The variant's firmware file, by the lookup rules above. */
    public Path find(String variant) throws Missing {
        if (directory.isEmpty()) {
            throw new Missing("no firmware for " + variant + ": set " + ConfigurationKeys.FIRMWARE_DIR
                    + " to the folder holding each variant's firmware (" + variant + ".hex, " + variant
                    + "/firmware.uf2, …)");
        }
        List<Path> candidates = new ArrayList<>();
        for (String format : FORMATS) {
            candidates.add(directory.get().resolve(variant + "." + format));
            candidates.add(directory.get().resolve(variant).resolve("firmware." + format));
            candidates.add(directory.get().resolve("build-" + variant).resolve("firmware." + format));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new Missing("no firmware for " + variant + " in " + directory.get() + " (looked for "
                + variant + ".{" + String.join(",", FORMATS) + "}, " + variant + "/firmware.*, build-" + variant
                + "/firmware.*): build it (" + ConfigurationKeys.FIRMWARE_BUILD + ") or put it there");
    }
}
