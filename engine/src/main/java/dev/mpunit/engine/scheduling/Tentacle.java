package dev.mpunit.engine.scheduling;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the bartender knows of a tentacle: the variants it can be flashed with (its first is the
 * firmware it runs as a reference), the features under test it offers and whether it may serve as
 * the reference tentacle of two-board tests.
 */
public record Tentacle(String id, List<String> variants, Set<String> offers, boolean reference) {

    public Tentacle {
        Objects.requireNonNull(id, "id");
        variants = List.copyOf(variants);
        offers = Set.copyOf(offers);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException(id + ": a tentacle offers at least one variant");
        }
    }

    public boolean canRun(TestRun run) {
        return variants.contains(run.variant()) && offers.containsAll(run.needs());
    }

    /** Whether it can stand opposite a board of this run in a two-board test. */
    public boolean canReference(TestRun run) {
        return reference && offers.containsAll(run.needs());
    }

    /** The firmware it runs when it serves as a reference. */
    public String referenceVariant() {
        return variants.get(0);
    }

    @Override
    public String toString() {
        return id;
    }
}
