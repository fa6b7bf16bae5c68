package dev.mpunit.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.tentacle.DrivenTestbed;
import dev.mpunit.engine.tentacle.Firmwares;
import dev.mpunit.engine.tentacle.LifeRecord;
import dev.mpunit.engine.tentacle.ProgrammedTentacle;
import dev.mpunit.engine.tentacle.TentacleDuts;
import dev.mpunit.hardware.NearestName;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.Board;
import dev.mpunit.hardware.serial.DeviceString;
import dev.mpunit.hardware.tentacle.FirmwareCheck;
import dev.mpunit.hardware.tentacle.FlashResult;
import dev.mpunit.hardware.tentacle.Programmer;
import dev.mpunit.hardware.tentacle.UsbTree;
import dev.mpunit.hardware.testbed.DutAccess;
import dev.mpunit.hardware.testbed.TentacleSpec;
import dev.mpunit.hardware.testbed.Testbed;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mpunit flash}: one or every tentacle of a variant flashed with the variant's firmware, by
 * the inventory's programmer, as a run flashes a tentacle that changes variant.
 */
@Command(name = "flash", mixinStandardHelpOptions = true,
        header = "Flashes one or all tentacles with a variant's firmware, when it differs.",
        description = "Flashes one tentacle (--tentacle) or every tentacle offering the variant (--all) with the"
                + " variant's firmware, found in --firmware-dir as <variant>.<ext>, <variant>/firmware.<ext> or"
                + " build-<variant>/firmware.<ext> (hex, uf2, bin, dfu, elf), by the programmer of its inventory entry."
                + " Without --force, a board that already runs that firmware is left as it is: its"
                + " sys.implementation._build (and sys.version) is compared with the firmware's record beside it"
                + " (firmware.json for firmware.uf2: {\"build\": …, \"version\": …}), else with the variant's name."
                + " A tentacle whose board is behind its hub (dut usb_location) is driven as a run drives it, under the"
                + " testbed lock: power on, delay, port found, firmware check, and when it differs boot mode through the"
                + " infra's relay, the programmer, a power cycle and the check again; then power off. Each step is a"
                + " line. --usb simulated:<folder> does the same on a simulated testbed (docs/tentacles.md).",
        footerHeading = "%nExamples:%n",
        footer = {"  mpunit flash --testbed lab.json --tentacle 2731-RPI_PICO2 \\",
                "               --variant RPI_PICO2-RISCV --firmware-dir fw",
                "  mpunit flash --testbed lab.json --all --variant ESP32_GENERIC \\",
                "               --firmware-dir fw --force",
                "  mpunit flash --testbed rehearsal.json --usb simulated:/tmp/bench --all \\",
                "               --variant MICROBIT --firmware-dir fw",
                "%nExit codes: 0 every board flashed or already running the firmware; 1 a flash failed or a tentacle"
                        + " could not be flashed (each said on stderr); 2 nothing was flashed: a usage or setup problem"
                        + " (no tentacle found on USB, no firmware, an unknown tentacle or variant, the testbed's lock held by"
                        + " a run), said in one line."})
final class FlashCommand implements Callable<Integer> {

    @Mixin
    TestbedOptions testbed;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--tentacle", paramLabel = "<name>", description = "One tentacle: its label (2731-RPI_PICO2) or serial.")
        String tentacle;

        @Option(names = "--all", description = "Every tentacle offering the variant.")
        boolean all;
    }

    @Option(names = "--variant", required = true, paramLabel = "<variant>",
            description = "The board and build variant to flash (RPI_PICO2, RPI_PICO2-RISCV).")
    String variant;

    @Option(names = "--firmware-dir", paramLabel = "<dir>",
            description = "Where each variant's firmware is (as micropython.firmware.dir).")
    Path firmwareDir;

    @Option(names = "--force", description = "Flash even a board that already runs the firmware.")
    boolean force;

    @Spec
    CommandSpec spec;

    /** How a board is opened for its firmware check: as a run opens it. */
    @FunctionalInterface
    interface Boards {
        Board open(TentacleSpec tentacle, Path inventory, DeviceString repl);
    }

    Boards boards = (tentacle, inventory, repl) -> InstalledFirmware.board(tentacle.label(), inventory, repl);

    /** A tentacle to flash, the board its programmer addresses and where its REPL is (empty: not checked). */
    private record Ready(TentacleSpec tentacle, Programmer.Dut dut, Optional<DeviceString> repl) {
    }

    @Override
    public Integer call() {
        Testbed inventory;
        List<TentacleSpec> chosen;
        Path firmware;
        FirmwareCheck.Expected expected;
        UsbTree tree;
        DrivenTestbed driven = null;
        try {
            inventory = testbed.inventory().orElseThrow(() -> new IllegalArgumentException(
                    "which testbed? give --testbed <inventory.json> (docs/inventory.md)"));
            chosen = chosen(inventory);
            if (firmwareDir == null) {
                throw new IllegalArgumentException("where is the firmware? give --firmware-dir <dir> holding " + variant
                        + ".<ext>, " + variant + "/firmware.<ext> or build-" + variant + "/firmware.<ext>");
            }
            firmware = new Firmwares(Optional.of(firmwareDir)).find(variant);
            expected = InstalledFirmware.expected(firmware, variant);
            boolean simulated = testbed.simulated();
            if (testbed.drivable() && chosen.stream().anyMatch(DrivenTestbed::driven)) {
                // As a run takes the testbed: its lock, its USB (micropython.testbed.usb).
                driven = testbed.drive(Map.of(ConfigurationKeys.FIRMWARE_DIR, firmwareDir.toString(),
                        ConfigurationKeys.FLASH, force ? "force" : "auto"));
            }
            tree = simulated && driven != null ? driven.usb().tree() : testbed.tree();
            if (driven != null && chosen.stream().allMatch(DrivenTestbed::driven)) {
                // Nothing to drive: a setup problem, said in one line, before any power is switched.
                Optional<String> none = TestbedOnUsb.of(Optional.of(inventory), tree).noneFound();
                if (none.isPresent()) {
                    throw new IllegalArgumentException(none.get());
                }
            }
        } catch (IllegalArgumentException | TargetException e) {
            if (driven != null) {
                driven.close();
            }
            return Cli.usage(spec, e.getMessage());
        }
        try (DrivenTestbed lock = driven) {
            return flash(inventory, chosen, firmware, expected, tree, Optional.ofNullable(lock));
        }
    }

    private int flash(Testbed inventory, List<TentacleSpec> chosen, Path firmware, FirmwareCheck.Expected expected,
            UsbTree tree, Optional<DrivenTestbed> driven) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Ready> ready = new ArrayList<>();
        List<TentacleSpec> lives = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (TentacleSpec tentacle : chosen) {
            if (driven.isPresent() && DrivenTestbed.driven(tentacle)) {
                lives.add(tentacle);
                continue;
            }
            if (tentacle.dut() instanceof DutAccess.Emulator emulator) {
                out.println(tentacle.label() + ": emulated (" + emulator.kind() + "), not flashed: an emulator starts"
                        + " on the variant's firmware when a run opens it");
                continue;
            }
            if (tentacle.programmer().isEmpty()) {
                problems.add("tentacle " + tentacle.label() + " has no programmer: add one to its inventory entry"
                        + " (docs/inventory.md)");
                continue;
            }
            try {
                ready.add(new Ready(tentacle, TentacleDuts.programmerDut(tentacle, tree), TentacleDuts.repl(tentacle, tree)));
            } catch (TargetException e) {
                problems.add(e.getMessage());
            }
        }
        if (ready.isEmpty() && lives.isEmpty() && !problems.isEmpty()) {
            // Nothing can be flashed: a setup problem, said in one line. With no tentacle on USB, plainly that.
            Optional<String> noTentacle = TestbedOnUsb.of(Optional.of(inventory), tree).noneFound();
            boolean allUsb = chosen.stream().allMatch(t -> t.dut() instanceof DutAccess.UsbLocation);
            return Cli.usage(spec, noTentacle.filter(none -> allUsb).orElse(String.join("; ", problems)));
        }
        problems.forEach(problem -> err.println(spec.qualifiedName() + ": " + problem));
        int failed = problems.size();
        for (Ready board : ready) {
            String label = board.tentacle().label();
            if (!force && board.repl().isPresent()) {
                try {
                    FirmwareCheck.Verdict verdict = InstalledFirmware.check(
                            boards.open(board.tentacle(), inventory.source(), board.repl().get()), expected);
                    if (verdict.matches()) {
                        out.println(label + ": " + verdict.reason() + "; not flashed (--force flashes anyway)");
                        out.flush();
                        continue;
                    }
                    out.println(label + ": " + verdict.reason() + "; flashing " + firmware);
                } catch (IOException e) {
                    out.println(label + ": its firmware could not be read (" + e.getMessage() + "); flashing " + firmware);
                }
            } else {
                out.println(label + ": flashing " + firmware);
            }
            out.flush();
            try {
                FlashResult result = ProgrammedTentacle.flash(board.tentacle(), variant, firmware, board.dut());
                out.println(label + ": flashed " + variant + " in " + result.duration().toMillis() + " ms");
            } catch (TargetException e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage());
                failed++;
            }
            out.flush();
            err.flush();
        }
        for (TentacleSpec tentacle : lives) {
            failed += life(tentacle, driven.orElseThrow(), out, err) ? 0 : 1;
        }
        return failed == 0 ? Cli.OK : Cli.FAILED;
    }

    /** A tentacle behind its hub brought to the variant's firmware as a run would, each step a line; false when one failed. */
    private boolean life(TentacleSpec tentacle, DrivenTestbed driven, PrintWriter out, PrintWriter err) {
        String label = tentacle.label();
        DrivenTestbed.Flashing flashing = driven.flash(tentacle, variant);
        for (LifeRecord.Step step : flashing.steps()) {
            if (step.action() != LifeRecord.Action.FAILED) {
                out.println(label + ": " + step.action().words() + ": " + step.detail());
            }
        }
        if (flashing.failure().isPresent()) {
            err.println(spec.qualifiedName() + ": " + flashing.failure().get());
        } else if (flashing.flashed()) {
            out.println(label + ": flashed " + variant);
        } else {
            out.println(label + ": runs " + variant + " already; not flashed (--force flashes anyway)");
        }
        out.flush();
        err.flush();
        return flashing.failure().isEmpty();
    }

    /** The tentacles asked for that offer the variant; a name or variant nobody has is a usage problem. */
    private List<TentacleSpec> chosen(Testbed inventory) {
        List<TentacleSpec> offering = inventory.offering(variant);
        if (offering.isEmpty()) {
            String nearest = NearestName.among(variant, inventory.variants()).map(n -> "did you mean " + n + "? ")
                    .orElse("");
            throw new IllegalArgumentException("no tentacle of " + inventory.source() + " offers variant " + variant
                    + ": " + nearest + "its variants: " + String.join(", ", inventory.variants()));
        }
        if (which.all) {
            return offering;
        }
        String name = which.tentacle.strip();
        for (TentacleSpec tentacle : inventory.tentacles()) {
            if (tentacle.label().equalsIgnoreCase(name) || tentacle.serial().equalsIgnoreCase(name)) {
                if (!offering.contains(tentacle)) {
                    throw new IllegalArgumentException("tentacle " + tentacle.label() + " offers "
                            + String.join(", ", tentacle.variants()) + ", not " + variant + "; " + variant
                            + " is offered by " + String.join(", ", offering.stream().map(TentacleSpec::label).toList()));
                }
                return List.of(tentacle);
            }
        }
        List<String> labels = inventory.tentacles().stream().map(TentacleSpec::label).toList();
        String nearest = NearestName.among(name, labels).map(n -> "did you mean " + n + "? ").orElse("");
        throw new IllegalArgumentException("no tentacle " + name + " in " + inventory.source() + ": " + nearest
                + "its tentacles: " + String.join(", ", labels));
    }
}
