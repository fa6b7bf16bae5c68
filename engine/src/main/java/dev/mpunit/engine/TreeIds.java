package dev.mpunit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;

/** The unique ids of the descriptor tree: content-derived, so IDEs can store and re-run them. */
final class TreeIds {

    static final UniqueId ENGINE = UniqueId.forEngine(MicroPythonTestEngine.ID);

    private TreeIds() {
    }

    static UniqueId group(TestGroup group) {
        return ENGINE.append(GroupDescriptor.SEGMENT, group.label());
    }

    static UniqueId variant(TestGroup group, String variant) {
        return group(group).append(VariantDescriptor.SEGMENT, variant);
    }

    static UniqueIdSelector selectVariant(TestGroup group, String variant) {
        return selectUniqueId(variant(group, variant));
    }
}
