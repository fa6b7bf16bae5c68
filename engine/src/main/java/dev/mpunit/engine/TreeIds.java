package dev.mpunit.engine;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.UniqueIdSelector;

/**
 * The unique ids of the descriptor tree: content-derived, so IDEs can store and re-run them.
 * They hang below the engine's own id, which is {@code [engine:micropython]} on its own and
 * longer inside a {@code @Suite}.
 */
record TreeIds(UniqueId engine) {

    UniqueId group(TestGroup group) {
        return engine.append(GroupDescriptor.SEGMENT, group.label());
    }

    UniqueId variant(TestGroup group, String variant) {
        return group(group).append(VariantDescriptor.SEGMENT, variant);
    }

    UniqueIdSelector selectVariant(TestGroup group, String variant) {
        return selectUniqueId(variant(group, variant));
    }

    /** The segments of an id below the engine (group, variant, file, case); empty when the id is not this engine's. */
    Optional<List<UniqueId.Segment>> below(UniqueId id) {
        if (!id.hasPrefix(engine) || id.equals(engine)) {
            return Optional.empty();
        }
        List<UniqueId.Segment> segments = id.getSegments();
        return Optional.of(segments.subList(engine.getSegments().size(), segments.size()));
    }
}
