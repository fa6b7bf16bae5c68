package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.scheduling.Tentacle;

/**
 * A tentacle ready to be worked: the bartender's view of it and how to open its target.
 *
 * @param firmware the variant it runs already, or {@code null} when unknown (its first piece flashes)
 * @param local whether its target runs on this machine (a local port, an emulator), which bounds how many run
 * @param perCore how many of its kind one core carries ({@code TargetProvider.instancesPerCore}): it
 *     counts as that fraction of a local tentacle
 */
public record TentacleRig(Tentacle tentacle, TargetFactory target, String firmware, boolean local, int perCore) {

    /** One that counts as a whole local tentacle when it is local. */
    public TentacleRig(Tentacle tentacle, TargetFactory target, String firmware, boolean local) {
        this(tentacle, target, firmware, local, 1);
    }

    /** How much of the local tentacles this machine carries it takes. */
    double load() {
        return local ? 1.0 / perCore : 0;
    }
}
