package dev.mpunit.hardware.tentacle;

import java.util.List;
import java.util.Optional;

/**
 * What USB discovery found, against the inventory.
 *
 * @param matched tentacles found whose serial is in the inventory
 * @param unknown tentacles found whose serial is not in the inventory (they are not used)
 * @param missing inventory serials not found on USB
 * @param inBootMode locations of tentacle hubs whose infra Pico is in boot mode
 * @param messages warnings and reports for humans, one per problem, in a stable order
 * @param devicesSeen how many USB devices were seen (0 when they could not be read)
 * @param noneFound why no tentacle at all was found; empty when at least one was
 */
public record Discovery(List<DiscoveredTentacle> matched, List<DiscoveredTentacle> unknown, List<String> missing,
        List<String> inBootMode, List<String> messages, int devicesSeen, Optional<String> noneFound) {

    public Discovery {
        matched = List.copyOf(matched);
        unknown = List.copyOf(unknown);
        missing = List.copyOf(missing);
        inBootMode = List.copyOf(inBootMode);
        messages = List.copyOf(messages);
    }

    /** Every tentacle found, matched first. */
    public List<DiscoveredTentacle> found() {
        return java.util.stream.Stream.concat(matched.stream(), unknown.stream()).toList();
    }
}
