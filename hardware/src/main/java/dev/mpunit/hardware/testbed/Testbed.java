package dev.mpunit.hardware.testbed;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A testbed inventory: the tentacles of one testbed instance, read from a JSON file (format:
 * {@code docs/inventory.md}).
 *
 * @param name     the testbed's name ({@code ch_hans})
 * @param instance this installation of it ({@code ch_hans_1}); the name when the inventory gives none
 * @param source   the file it was read from
 */
public record Testbed(String name, String instance, List<TentacleSpec> tentacles, Path source) {

    public Testbed {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instance, "instance");
        tentacles = List.copyOf(tentacles);
        if (tentacles.isEmpty()) {
            throw new IllegalArgumentException("a testbed has at least one tentacle");
        }
        Objects.requireNonNull(source, "source");
    }

    /**
     * Reads and validates an inventory file.
     *
     * @throws InventoryException listing every problem of the file, or saying why it could not be read
     */
    public static Testbed load(Path file) throws InventoryException {
        return load(file, DutAccess.Emulator.KINDS);
    }

    /**
     * Reads and validates an inventory file whose emulators may be of these kinds (the engine's
     * kinds of target that start boards of their own).
     *
     * @throws InventoryException listing every problem of the file, or saying why it could not be read
     */
    public static Testbed load(Path file, List<String> emulatorKinds) throws InventoryException {
        String json = InventoryFile.read(file);
        Path absolute = file.toAbsolutePath();
        return InventoryReader.read(json, file.toString(), file, absolute.getParent(), emulatorKinds);
    }

    /**
     * Reads and validates inventory text. Relative firmware paths start from the folder of
     * {@code sourceName} when it names a file in one, else from the working directory.
     *
     * @param sourceName what messages call the text, and {@link #source()}
     * @throws InventoryException listing every problem of the text
     */
    public static Testbed parse(String json, String sourceName) throws InventoryException {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(sourceName, "sourceName");
        Path source;
        try {
            source = Path.of(sourceName);
        } catch (InvalidPathException e) {
            // A label such as "<inline>" is no path on Windows; the source then only names the text.
            source = Path.of(sourceName.replaceAll("[^A-Za-z0-9._/-]", "_"));
        }
        Path folder = source.toAbsolutePath().getParent();
        return InventoryReader.read(json, sourceName, source, folder, DutAccess.Emulator.KINDS);
    }

    /** Every variant the tentacles offer, in inventory order, each once. */
    public List<String> variants() {
        Set<String> variants = new LinkedHashSet<>();
        for (TentacleSpec tentacle : tentacles) {
            variants.addAll(tentacle.variants());
        }
        return List.copyOf(variants);
    }

    /** The tentacles that can run this variant, in inventory order; empty when none offers it. */
    public List<TentacleSpec> offering(String variant) {
        return tentacles.stream().filter(tentacle -> tentacle.variants().contains(variant)).toList();
    }
}
