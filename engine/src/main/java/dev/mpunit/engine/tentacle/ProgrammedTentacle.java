package dev.mpunit.engine.tentacle;

import java.io.IOException;
import java.nio.file.Path;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.tentacle.FlashResult;
import dev.mpunit.hardware.tentacle.Programmer;
import dev.mpunit.hardware.tentacle.TentacleException;
import dev.mpunit.hardware.testbed.ProgrammerSpec;
import dev.mpunit.hardware.testbed.TentacleSpec;

/**
 * A tentacle flashed by its programmer (picotool, esptool, dfu-util, a command, …) whenever the
 * worker opens it for another variant than the one it last flashed. The worker closes the board
 * first, so the programmer has the port to itself. A failed flash takes the tentacle out with the
 * programmer's output; its work goes to the others.
 */
public final class ProgrammedTentacle implements TargetFactory {

    private final TentacleSpec tentacle;
    private final TargetFactory opener;
    private final Firmwares firmwares;
    private final DutLookup dut;
    private String flashed;

    /** Where the programmer finds the board; asked at each flash, as a USB board moves when it resets. */
    @FunctionalInterface
    interface DutLookup {
        Programmer.Dut find() throws TargetException;
    }

    ProgrammedTentacle(TentacleSpec tentacle, TargetFactory opener, Firmwares firmwares, DutLookup dut) {
        this.tentacle = tentacle;
        this.opener = opener;
        this.firmwares = firmwares;
        this.dut = dut;
    }

    @Override
    public Target open(String variant) throws TargetException {
        if (!variant.equals(flashed)) {
            flash(variant);
            flashed = variant;
        }
        return opener.open(variant);
    }

    private void flash(String variant) throws TargetException {
        flash(tentacle, variant, firmwares.find(variant), dut.find());
    }

    /**
     * Writes {@code firmware} onto the tentacle's board with its inventory's programmer (a run
     * changing variant, {@code mpunit flash}).
     *
     * @return how the programmer ended: with success
     * @throws TargetException when it could not run or failed, naming the variant, the tentacle and what the
     *     programmer printed
     */
    public static FlashResult flash(TentacleSpec tentacle, String variant, Path firmware, Programmer.Dut dut)
            throws TargetException {
        ProgrammerSpec spec = tentacle.programmer().orElseThrow(() -> new TargetException("tentacle "
                + tentacle.label() + " has no programmer: add one to its inventory entry (docs/inventory.md)"));
        Programmer programmer = Programmer.of(spec.kind(), spec.args());
        FlashResult result;
        try {
            result = programmer.flash(firmware, dut, spec.timeout());
        } catch (IOException | TentacleException e) {
            throw new TargetException("cannot flash " + variant + " onto tentacle " + tentacle.label() + ": "
                    + e.getMessage(), e);
        }
        if (!result.success()) {
            throw new TargetException("flashing " + variant + " onto tentacle " + tentacle.label() + " failed (exit "
                    + result.exitCode() + " after " + result.duration().toMillis() + " ms): " + result.output().strip());
        }
        return result;
    }
}
