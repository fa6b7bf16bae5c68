package dev.mpunit.hardware.testbed;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads one element of an inventory's {@code tentacles} list into a {@link TentacleSpec}. */
final class TentacleFields {

    static final List<String> FIELDS = List.of("serial", "board", "build_variants", "futs", "tags", "dut",
            "programmer", "power_on_delay", "perfbench", "reference");

    /** Upstream board and variant names are C-identifier-like: RPI_PICO2, ESP32_GENERIC_S3, SPIRAM. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]+");

    /**
     * What was read: the serial and board when they were readable (for the checks across tentacles), the
     * tentacle when nothing about it was wrong.
     */
    record Read(String where, Optional<String> serial, Optional<String> board, Optional<TentacleSpec> tentacle) {
    }

    private final ObjectFields fields;
    private final Path folder;
    private final List<String> emulators;

    private TentacleFields(ObjectFields fields, Path folder, List<String> emulators) {
        this.fields = fields;
        this.folder = folder;
        this.emulators = emulators;
    }

    /**
     * @param folder where relative paths in the tentacle start
     * @param emulators the emulator kinds its DUT may name
     */
    static Read read(JsonNode node, int index, Problems problems, Path folder, List<String> emulators) {
        String where = where(node, index);
        if (!node.isObject()) {
            problems.add(where, "", Found.of(node) + "; each tentacle is an object such as {\"serial\":"
                    + " \"e46340474b174429\", \"board\": \"RPI_PICO2\", \"dut\": {\"usb_location\": \"3\"}}");
            return new Read(where, Optional.empty(), Optional.empty(), Optional.empty());
        }
        int before = problems.count();
        TentacleFields reader = new TentacleFields(new ObjectFields(node, where, "", problems), folder, emulators);
        Read read = reader.read(where);
        return problems.count() == before ? read : new Read(where, read.serial(), read.board(), Optional.empty());
    }

    /** Names the tentacle by index and, when they are readable, serial and board, even before validation. */
    static String where(JsonNode node, int index) {
        List<String> names = new ArrayList<>();
        for (String field : List.of("serial", "board")) {
            JsonNode value = node.isObject() ? node.get(field) : null;
            if (value != null && value.isString() && !value.stringValue().isBlank()) {
                names.add(field + " " + Found.shorten(value.stringValue()));
            }
        }
        String at = "tentacles[" + index + "]";
        return names.isEmpty() ? at : at + " (" + String.join(", ", names) + ")";
    }

    private Read read(String where) {
        fields.onlyKnown(FIELDS);
        Optional<String> serial = serial();
        Optional<String> board = board();
        Optional<List<String>> buildVariants = buildVariants();
        Optional<Set<Fut>> futs = futs();
        Optional<Map<String, String>> tags = fields.has("tags")
                ? fields.stringMap("tags", "tags are an object of strings such as {\"mcu\": \"rp2\", \"tier\": \"1\"}")
                : Optional.of(Map.of());
        Optional<DutAccess> dut = DutFields.read(fields, folder, emulators);
        Optional<Optional<ProgrammerSpec>> programmer = programmer();
        Optional<Duration> powerOnDelay = fields.has("power_on_delay")
                ? fields.duration("power_on_delay") : Optional.of(Duration.ZERO);
        Optional<Optional<Perfbench>> perfbench = perfbench();
        Optional<Boolean> reference = fields.has("reference") ? fields.bool("reference") : Optional.of(false);
        if (reference.orElse(false) && futs.isPresent()
                && !futs.get().contains(Fut.WLAN) && !futs.get().contains(Fut.BLE)) {
            fields.problem("reference", "a reference tentacle is the partner of two-board WLAN or BLE tests, but this"
                    + " one offers " + futs.get() + ": add \"WLAN\" or \"BLE\" to its futs, or remove \"reference\"");
            reference = Optional.empty();
        }
        Optional<TentacleSpec> tentacle = Optional.empty();
        if (serial.isPresent() && board.isPresent() && buildVariants.isPresent() && futs.isPresent()
                && tags.isPresent() && dut.isPresent() && programmer.isPresent() && powerOnDelay.isPresent()
                && perfbench.isPresent() && reference.isPresent()) {
            tentacle = Optional.of(new TentacleSpec(serial.get(), board.get(), buildVariants.get(), futs.get(),
                    tags.get(), dut.get(), programmer.get(), powerOnDelay.get(), perfbench.get(), reference.get()));
        }
        return new Read(where, serial, board, tentacle);
    }

    private Optional<String> serial() {
        Optional<String> serial = fields.requiredString("serial", "give the tentacle's name: on a real tentacle the"
                + " infra Pico's USB serial number (16 hex digits, such as \"e46340474b174429\"), else any name"
                + " unique in the testbed, such as \"emu-microbit-1\"");
        if (serial.isPresent() && serial.get().chars().anyMatch(Character::isWhitespace)) {
            fields.problem("serial", "\"" + serial.get() + "\" contains white space; a serial is one word, such as"
                    + " \"e46340474b174429\"");
            return Optional.empty();
        }
        return serial;
    }

    private Optional<String> board() {
        Optional<String> board = fields.requiredString("board",
                "give the upstream board name, such as \"RPI_PICO2\" or \"ESP32_GENERIC_S3\"");
        if (board.isPresent() && !NAME.matcher(board.get()).matches()) {
            fields.problem("board", "\"" + Found.shorten(board.get()) + "\" is not a board name: upstream board"
                    + " names have letters, digits and '_' only, such as \"RPI_PICO2\" or \"ESP32_GENERIC_S3\"");
            return Optional.empty();
        }
        return board;
    }

    private Optional<List<String>> buildVariants() {
        if (!fields.has("build_variants")) {
            return Optional.of(TentacleSpec.DEFAULT_BUILD_VARIANTS);
        }
        String howTo = "list the builds offered, \"\" being the board's default build, such as [\"\", \"RISCV\"]";
        Optional<List<String>> variants = fields.strings("build_variants", howTo);
        if (variants.isEmpty()) {
            return variants;
        }
        boolean usable = true;
        if (variants.get().isEmpty()) {
            fields.problem("build_variants", "is an empty list, so the tentacle offers no build: " + howTo
                    + " (leave the field out for [\"\"])");
            usable = false;
        }
        Set<String> seen = new HashSet<>();
        for (String variant : variants.get()) {
            if (!variant.isEmpty() && !NAME.matcher(variant).matches()) {
                fields.problem("build_variants", "\"" + Found.shorten(variant) + "\" is not a build variant name:"
                        + " variants have letters, digits and '_' only, such as \"RISCV\" or \"SPIRAM\"; \"\" is the"
                        + " default build");
                usable = false;
            } else if (!seen.add(variant)) {
                fields.problem("build_variants", "\"" + variant + "\" is listed twice: list each variant once");
                usable = false;
            }
        }
        return usable ? variants : Optional.empty();
    }

    private Optional<Set<Fut>> futs() {
        if (!fields.has("futs")) {
            return Optional.of(EnumSet.of(Fut.MCU_ONLY));
        }
        String accepted = "accepted: " + String.join(", ", Fut.acceptedNames())
                + " (upstream's FUT_ prefix, as in FUT_WLAN, is accepted too)";
        Optional<List<String>> names = fields.strings("futs", "list the features under test, such as [\"MCU_ONLY\","
                + " \"WLAN\"]; " + accepted);
        if (names.isEmpty()) {
            return Optional.empty();
        }
        if (names.get().isEmpty()) {
            fields.problem("futs", "is an empty list, so the tentacle would run no test: list at least one FUT (leave"
                    + " the field out for [\"MCU_ONLY\"]); " + accepted);
            return Optional.empty();
        }
        Set<Fut> futs = EnumSet.noneOf(Fut.class);
        boolean usable = true;
        for (String name : names.get()) {
            Optional<Fut> fut = Fut.byName(name);
            if (fut.isEmpty()) {
                fields.problem("futs", "unknown FUT \"" + Found.shorten(name) + "\"; " + accepted);
                usable = false;
            } else if (!futs.add(fut.get())) {
                fields.problem("futs", fut.get() + " is listed twice (\"" + name + "\"): list each FUT once");
                usable = false;
            }
        }
        return usable ? Optional.of(futs) : Optional.empty();
    }

    /** Empty when the field is unusable; an empty optional inside when there is no programmer. */
    private Optional<Optional<ProgrammerSpec>> programmer() {
        if (!fields.has("programmer")) {
            return Optional.of(Optional.empty());
        }
        Optional<ObjectFields> object = fields.object("programmer", "such as {\"kind\": \"picotool\", \"args\":"
                + " [\"--update\"], \"timeout\": \"60s\"}");
        if (object.isEmpty()) {
            return Optional.empty();
        }
        ObjectFields programmer = object.get();
        programmer.onlyKnown(List.of("kind", "args", "timeout"));
        String kinds = "accepted: " + String.join(", ", ProgrammerSpec.KINDS);
        Optional<String> kind = programmer.requiredString("kind", "give the flashing tool; " + kinds);
        if (kind.isPresent() && !ProgrammerSpec.KINDS.contains(kind.get())) {
            programmer.problem("kind", "unknown programmer kind \"" + Found.shorten(kind.get()) + "\"; " + kinds
                    + " (\"command\" runs the command line in args)");
            kind = Optional.empty();
        }
        Optional<List<String>> args = programmer.has("args")
                ? programmer.strings("args", "the tool's extra arguments; \"" + ProgrammerSpec.FIRMWARE_PLACEHOLDER
                        + "\" stands for the firmware file")
                : Optional.of(List.of());
        if (kind.filter(ProgrammerSpec.COMMAND::equals).isPresent() && args.filter(List::isEmpty).isPresent()) {
            programmer.problem("args", "kind \"command\" runs args as its command line, but there is none: give it,"
                    + " such as [\"my-flasher\", \"--port\", \"/dev/ttyACM0\", \""
                    + ProgrammerSpec.FIRMWARE_PLACEHOLDER + "\"]");
            args = Optional.empty();
        }
        Optional<Duration> timeout = programmer.has("timeout")
                ? programmer.duration("timeout") : Optional.of(ProgrammerSpec.DEFAULT_TIMEOUT);
        if (timeout.filter(Duration::isZero).isPresent()) {
            programmer.problem("timeout", "is zero, so flashing could never finish: give " + Durations.ACCEPTED
                    + " (leave it out for " + ProgrammerSpec.DEFAULT_TIMEOUT.toSeconds() + "s)");
            timeout = Optional.empty();
        }
        if (kind.isEmpty() || args.isEmpty() || timeout.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new ProgrammerSpec(kind.get(), args.get(), timeout.get())));
    }

    private Optional<Optional<Perfbench>> perfbench() {
        if (!fields.has("perfbench")) {
            return Optional.of(Optional.empty());
        }
        Optional<ObjectFields> object = fields.object("perfbench",
                "run-perfbench.py's N and M for this board, such as {\"n\": 100, \"m\": 100}");
        if (object.isEmpty()) {
            return Optional.empty();
        }
        ObjectFields perfbench = object.get();
        perfbench.onlyKnown(List.of("n", "m"));
        Optional<Integer> n = perfbench.positiveInt("n", "run-perfbench.py's N (about the CPU's speed in MHz)");
        Optional<Integer> m = perfbench.positiveInt("m", "run-perfbench.py's M (about the heap size in kB)");
        if (n.isEmpty() || m.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new Perfbench(n.get(), m.get())));
    }
}
