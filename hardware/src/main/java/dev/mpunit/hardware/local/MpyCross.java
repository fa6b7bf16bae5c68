package dev.mpunit.hardware.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.mpunit.hardware.Reaper;
import dev.mpunit.hardware.TargetException;

/**
 * A user's {@code mpy-cross}, compiling one test to {@code .mpy} as run-tests.py's {@code --via-mpy}
 * does: {@code -s <name>} so tracebacks name the test, {@code -X emit=<emit>}, and the flags of the
 * target's architecture for native code. mpy-cross must be the firmware's own version: an older
 * compiler compiles some files differently ({@code docs/test-groups.md}).
 */
public final class MpyCross {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final String command;

    /** @param command the mpy-cross executable ({@code micropython.mpy-cross}) */
    public MpyCross(String command) {
        this.command = command;
    }

    /**
     * What mpy-cross made of a file: the {@code .mpy} bytes, or what it printed when it refused the
     * file, which run-tests.py reports as the test's output after {@code mpy-cross crash}.
     */
    public record Compiled(Optional<byte[]> mpy, byte[] refusal) {
    }

    /**
     * @param source the test file's bytes, as they are
     * @param scriptName the name tracebacks give the file ({@code basics/list1.py})
     * @throws TargetException when mpy-cross cannot be started at all
     */
    public Compiled compile(byte[] source, String scriptName, String emit, List<String> flags)
            throws TargetException {
        Path work;
        try {
            work = Reaper.temporaryDirectory("mpunit-mpy-cross");
        } catch (IOException e) {
            throw new TargetException("cannot make a folder for mpy-cross: " + e.getMessage(), e);
        }
        try {
            Path in = Files.write(work.resolve("test.py"), source);
            Path out = work.resolve("test.mpy");
            List<String> commandLine = new ArrayList<>();
            commandLine.add(command);
            commandLine.addAll(flags);
            commandLine.addAll(List.of("-s", scriptName, "-X", "emit=" + emit, "-o", out.toString(), in.toString()));
            Processes.Finished finished = Processes.run(commandLine, work, java.util.Map.of(), TIMEOUT);
            if (finished.exitCode() == 0 && Files.isRegularFile(out)) {
                return new Compiled(Optional.of(Files.readAllBytes(out)), new byte[0]);
            }
            return new Compiled(Optional.empty(), finished.timedOut()
                    ? ("mpy-cross did not finish within " + TIMEOUT.toSeconds() + " s\n").getBytes()
                    : finished.output());
        } catch (IOException e) {
            throw new TargetException("cannot run mpy-cross (" + command + "): " + e.getMessage()
                    + "; set micropython.mpy-cross to your build of MicroPython's mpy-cross (make -C mpy-cross)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while compiling " + scriptName, e);
        } finally {
            Reaper.delete(work);
        }
    }
}
