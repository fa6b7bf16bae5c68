package dev.mpunit.engine.descriptor;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.Optional;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;

import dev.mpunit.contract.MicroPythonTestId;

/**
 * The unique ids of the descriptor tree, written and read by the contract's
 * {@link MicroPythonTestId} (the listeners read them the same way). They hang below the engine's
 * own id, which is {@code [engine:micropython]} on its own and longer inside a {@code @Suite}.
 */
public record TreeIds(UniqueId engine) {

    UniqueId group(TestGroup group) {
        return new MicroPythonTestId(group.label(), null, null, null).in(engine);
    }

    UniqueId variant(TestGroup group, String variant) {
        return new MicroPythonTestId(group.label(), variant, null, null).in(engine);
    }

    public UniqueId file(TestGroup group, String variant, String relativePath) {
        return MicroPythonTestId.ofFile(group.label(), variant, relativePath).in(engine);
    }

    public UniqueIdSelector selectVariant(TestGroup group, String variant) {
        return selectUniqueId(variant(group, variant));
    }

    /** Whether an id is of a node below this engine (well formed or not). */
    public boolean below(UniqueId id) {
        return id.hasPrefix(engine) && !id.equals(engine);
    }

    /**
     * The node an id names, when it is below this engine.
     *
     * @throws IllegalArgumentException when it is below this engine but not of the tree's shape, saying what is wrong
     */
    public Optional<MicroPythonTestId> read(UniqueId id) {
        return below(id) ? MicroPythonTestId.find(id) : Optional.empty();
    }
}
