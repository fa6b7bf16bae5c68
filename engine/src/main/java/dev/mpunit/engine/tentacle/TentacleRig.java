package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.scheduling.Tentacle;

/**
 * A tentacle ready to be worked: the bartender's view of it and how to open its target.
 *
 * @param firmware the variant it runs already, or {@code null} when unknown (its first piece flashes)
 * @param local whether its target runs on this machine (a local port, an emulator), which bounds how many run
 */
public record TentacleRig(Tentacle tentacle, TargetFactory target, String firmware, boolean local) {
}
