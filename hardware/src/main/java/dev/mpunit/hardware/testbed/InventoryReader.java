package dev.mpunit.hardware.testbed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Reads an inventory's JSON into a {@link Testbed}, checking the top level and what spans tentacles. */
final class InventoryReader {

    static final List<String> FIELDS = List.of("testbed", "instance", "tentacles");

    private static final String TENTACLE_EXAMPLE = "{\"serial\": \"e46340474b174429\", \"board\": \"RPI_PICO2\","
            + " \"dut\": {\"usb_location\": \"3\"}}";

    private InventoryReader() {
    }

    /**
     * @param sourceName what messages call the inventory
     * @param folder     where relative paths in it start
     * @param emulators  the emulator kinds a tentacle's DUT may name
     */
    static Testbed read(String json, String sourceName, Path source, Path folder, List<String> emulators)
            throws InventoryException {
        JsonNode root = JsonText.parse(json, sourceName);
        Problems problems = new Problems(sourceName);
        if (!root.isObject()) {
            problems.add("", "", "the inventory is " + Found.kind(root) + "; it must be a JSON object such as"
                    + " {\"testbed\": \"my_lab\", \"tentacles\": [" + TENTACLE_EXAMPLE + "]}");
            problems.throwIfAny();
        }
        ObjectFields top = new ObjectFields(root, "", "", problems);
        top.onlyKnown(FIELDS);
        Optional<String> name = top.requiredString("testbed", "give the testbed's name, such as \"ch_hans\"");
        Optional<String> instance = top.string("instance",
                "give this installation's name, such as \"ch_hans_1\" (leave it out to use the testbed's name)");
        List<TentacleFields.Read> tentacles = tentacles(root.get("tentacles"), problems, folder, emulators);
        checkAcross(tentacles, problems);
        problems.throwIfAny();
        return new Testbed(name.orElseThrow(), instance.orElse(name.orElseThrow()),
                tentacles.stream().map(read -> read.tentacle().orElseThrow()).toList(), source);
    }

    private static List<TentacleFields.Read> tentacles(JsonNode list, Problems problems, Path folder,
            List<String> emulators) {
        if (list == null) {
            problems.add("", "tentacles", "missing; list the tentacles, such as \"tentacles\": ["
                    + TENTACLE_EXAMPLE + "]");
            return List.of();
        }
        if (!list.isArray()) {
            problems.add("", "tentacles", Found.of(list) + "; expected a list of tentacle objects, such as ["
                    + TENTACLE_EXAMPLE + "]");
            return List.of();
        }
        if (list.isEmpty()) {
            problems.add("", "tentacles", "no tentacles: add at least one tentacle to the list, such as "
                    + TENTACLE_EXAMPLE);
            return List.of();
        }
        List<TentacleFields.Read> tentacles = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            tentacles.add(TentacleFields.read(list.get(i), i, problems, folder, emulators));
        }
        return tentacles;
    }

    /** Tentacles are told apart by serial in the testbed and by label in reports, so both must be unique. */
    private static void checkAcross(List<TentacleFields.Read> tentacles, Problems problems) {
        Map<String, TentacleFields.Read> bySerial = new HashMap<>();
        Map<String, TentacleFields.Read> byLabel = new HashMap<>();
        for (TentacleFields.Read read : tentacles) {
            if (read.serial().isEmpty()) {
                continue;
            }
            String serial = read.serial().get();
            TentacleFields.Read first = bySerial.putIfAbsent(serial, read);
            if (first != null) {
                problems.add(read.where(), "serial", "duplicate serial \"" + serial + "\", already used by "
                        + first.where() + ": every tentacle needs its own serial");
                continue;
            }
            if (read.tentacle().isPresent()) {
                TentacleSpec tentacle = read.tentacle().get();
                TentacleFields.Read same = byLabel.putIfAbsent(tentacle.label(), read);
                if (same != null) {
                    problems.add(read.where(), "serial", "the report label \"" + tentacle.label()
                            + "\" (last 4 characters of the serial, then the board) is also " + same.where()
                            + "'s: change a serial so the last 4 characters differ");
                }
            }
        }
    }
}
