package dev.mpunit.hardware.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.mpunit.hardware.NearestName;

/**
 * The board names MicroPython's ports know: an inventory's {@code "board"} that none of them has is
 * most likely a typo, which would otherwise become a variant of its own without a word.
 *
 * @param names  the known names, sorted (so that of two names equally near a typo, the same one is named)
 * @param source where they come from, for messages
 */
public record BoardNames(List<String> names, String source) {

    private static final String UPSTREAM = "upstream-boards.txt";

    public BoardNames {
        names = List.copyOf(new TreeSet<>(names));
    }

    /** The names written down from upstream's {@code ports/*}{@code /boards/} (see the resource's header). */
    public static BoardNames upstream() {
        try (InputStream in = BoardNames.class.getResourceAsStream(UPSTREAM)) {
            if (in == null) {
                throw new IllegalStateException(UPSTREAM + " is missing from the hardware jar");
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
            return new BoardNames(lines, "MicroPython v1.29's ports/*/boards/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The boards of a MicroPython checkout: every folder of {@code ports/*}{@code /boards/} holding a
     * {@code board.json} or an {@code mpconfigboard.*}, and the ports built as variants instead of
     * boards ({@code UNIX}, {@code WEBASSEMBLY}); empty when the folder has no {@code ports/}.
     */
    public static Optional<BoardNames> inCheckout(Path checkout) {
        Path ports = checkout.resolve("ports");
        if (!Files.isDirectory(ports)) {
            return Optional.empty();
        }
        Set<String> names = new TreeSet<>();
        try (Stream<Path> portFolders = Files.list(ports)) {
            for (Path port : portFolders.filter(Files::isDirectory).toList()) {
                if (Files.isDirectory(port.resolve("variants"))) {
                    names.add(port.getFileName().toString().toUpperCase(Locale.ROOT));
                }
                Path boards = port.resolve("boards");
                if (!Files.isDirectory(boards)) {
                    continue;
                }
                try (Stream<Path> boardFolders = Files.list(boards)) {
                    boardFolders.filter(BoardNames::isBoardFolder).forEach(board -> names.add(board.getFileName().toString()));
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        return names.isEmpty() ? Optional.empty() : Optional.of(new BoardNames(List.copyOf(names), ports + "/*/boards/"));
    }

    private static boolean isBoardFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .anyMatch(name -> name.equals("board.json") || name.startsWith("mpconfigboard."));
        } catch (IOException e) {
            return false;
        }
    }

    /** A warning for a board name no port knows, with the nearest known one; empty for a known name. */
    public Optional<String> unknown(String board) {
        if (names.contains(board)) {
            return Optional.empty();
        }
        String guess = NearestName.among(board, names).map(near -> ": did you mean \"" + near + "\"?").orElse(
                ": check the spelling against the folder names there");
        return Optional.of("board \"" + board + "\" is not a board of " + source + guess
                + " (an unknown name still becomes a variant of its own)");
    }
}
