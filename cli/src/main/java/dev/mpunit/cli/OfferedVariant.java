package dev.mpunit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import dev.mpunit.hardware.testbed.TentacleSpec;
import dev.mpunit.hardware.testbed.Testbed;

/**
 * A variant the run offers — a testbed tentacle's, or a local target's — with the MicroPython port whose
 * workflow decides whether a change concerns it.
 *
 * @param variant the variant as the engine names it ({@code RPI_PICO2-RISCV}, {@code unix})
 * @param port    the port ({@code rp2}, {@code unix}), empty when it cannot be told
 * @param from    what offers it, for the listing ({@code tentacle 2731-RPI_PICO2}, {@code --target unix})
 */
record OfferedVariant(String variant, Optional<String> port, String from) {

    /** The local targets built from a port of their own, by their {@code micropython.target} word. */
    private static final Map<String, String> LOCAL_PORTS = Map.of("unix", "unix", "webassembly", "webassembly",
            "webassembly-pty", "webassembly");
    /** The emulated board a target word stands for, whose port the checkout's boards/ tell. */
    private static final Map<String, String> EMULATED_BOARDS = Map.of("qemu-microbit", "MICROBIT");

    /** A testbed's variants, each once, in inventory order. */
    static List<OfferedVariant> of(Testbed testbed, Path checkout) {
        Map<String, OfferedVariant> offered = new LinkedHashMap<>();
        for (TentacleSpec tentacle : testbed.tentacles()) {
            Optional<String> port = portOfBoard(checkout, tentacle.board()).or(() -> portNamed(checkout, tentacle.mcu()));
            for (String variant : tentacle.variants()) {
                offered.putIfAbsent(variant, new OfferedVariant(variant, port, "tentacle " + tentacle.label()));
            }
        }
        return List.copyOf(offered.values());
    }

    /** The variants of {@code micropython.target}'s entries (the engine's default, webassembly, when empty). */
    static List<OfferedVariant> of(List<String> targets, Path checkout) {
        List<OfferedVariant> offered = new ArrayList<>();
        for (String entry : targets.isEmpty() ? List.of("webassembly") : targets) {
            String word = entry.strip().replaceFirst("\\*\\d+$", "");
            Optional<String> port = Optional.ofNullable(LOCAL_PORTS.get(word))
                    .or(() -> Optional.ofNullable(EMULATED_BOARDS.get(word)).flatMap(board -> portOfBoard(checkout, board)));
            if (offered.stream().noneMatch(known -> known.variant().equals(word))) {
                offered.add(new OfferedVariant(word, port, "--target " + entry.strip()));
            }
        }
        return offered;
    }

    /** The port whose {@code boards/} has the board, or a port built as variants named so ({@code UNIX}). */
    static Optional<String> portOfBoard(Path checkout, String board) {
        Path ports = checkout.resolve("ports");
        try (Stream<Path> folders = Files.list(ports)) {
            List<Path> all = folders.filter(Files::isDirectory).sorted().toList();
            for (Path port : all) {
                if (Files.isDirectory(port.resolve("boards").resolve(board))) {
                    return Optional.of(port.getFileName().toString());
                }
            }
            return all.stream().map(port -> port.getFileName().toString())
                    .filter(port -> port.toUpperCase(Locale.ROOT).equals(board)).findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** An inventory's {@code mcu} tag names the port when it is one ({@code rp2}, {@code esp32}). */
    private static Optional<String> portNamed(Path checkout, String mcu) {
        return mcu.isEmpty() || !Files.isDirectory(checkout.resolve("ports").resolve(mcu)) ? Optional.empty() : Optional.of(mcu);
    }
}
