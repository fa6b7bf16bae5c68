package dev.mpunit.hardware.emulated;

import dev.mpunit.hardware.Reaper;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.Board;
import dev.mpunit.hardware.board.BoardTraits;
import dev.mpunit.hardware.board.DeviceBoards;
import dev.mpunit.hardware.board.Pacing;
import dev.mpunit.hardware.local.WebAssemblyInstallation;
import dev.mpunit.hardware.serial.ExecPtyLink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * MicroPython's webassembly REPL ({@code node micropython.mjs} without a script) as a board on a
 * pty, so that it is driven through the raw REPL like a real board. Java cannot create a pty: a
 * small Python 3 bridge ({@code webassembly-pty.py}) runs node on one pty and serves it on
 * another, printing that one's path the way QEMU does. A soft reset ends node, so each test gets a
 * fresh process; a hard reset restarts it too.
 */
public final class WebAssemblyPty extends EmulatorBoard {

    /**
     * Flow control all the way (pty, bridge, node), so no pacing. Its raw-paste answer is not
     * trustworthy, so plain raw REPL. Ctrl-D at its prompt ends the process.
     */
    public static final BoardTraits TRAITS = new BoardTraits(Pacing.UNPACED, false, true, Duration.ofSeconds(10));

    /** The Python interpreter used when none is configured. */
    public static final String DEFAULT_PYTHON = "python3";

    private static final String BRIDGE = "webassembly-pty.py";
    private static final Duration PYTHON_CHECK_TIMEOUT = Duration.ofSeconds(10);

    private WebAssemblyPty(Board process) {
        super(process);
    }

    /** With {@value #DEFAULT_PYTHON} from PATH. */
    public static WebAssemblyPty open(WebAssemblyInstallation installation) throws TargetException {
        return open(installation, DEFAULT_PYTHON);
    }

    /**
     * Checks that {@code python} runs Python 3; node starts at {@link #connect()}.
     *
     * @param python the Python 3 command ({@code micropython.cpython})
     * @throws TargetException when Python 3 is missing
     */
    public static WebAssemblyPty open(WebAssemblyInstallation installation, String python) throws TargetException {
        Objects.requireNonNull(installation, "installation");
        checkPython(python);
        String bridge = bridgeScript();
        Path mjs = installation.micropythonMjs();
        // -u: the pty line must leave at once. -c: nothing to unpack and clean up afterwards.
        List<String> command = List.of(python, "-u", "-c", bridge, installation.node(), mjs.toString());
        String name = "webassembly-pty:" + installation.node() + " " + mjs;
        return new WebAssemblyPty(DeviceBoards.execPty(name, command, TRAITS, ExecPtyLink.DEFAULT_PTY_TIMEOUT));
    }

    private static void checkPython(String python) throws TargetException {
        String hint = "; Python 3 is needed anyway (CPython computes the expected outputs):"
                + " install python3 or set micropython.cpython";
        Process process;
        try {
            process = Reaper.start(new ProcessBuilder(python, "-c", "import sys, termios; print(sys.version_info[0])")
                    .redirectErrorStream(true));
        } catch (IOException e) {
            throw new TargetException("Python not found (tried \"" + python + "\": " + e.getMessage() + ")" + hint, e);
        }
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(PYTHON_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TargetException("\"" + python + "\" did not answer within "
                        + PYTHON_CHECK_TIMEOUT.toSeconds() + " s" + hint);
            }
            String answer = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || !answer.equals("3")) {
                throw new TargetException("\"" + python + "\" is not a working Python 3 with the termios module"
                        + " (it answered \"" + answer + "\")" + hint);
            }
        } catch (IOException e) {
            throw new TargetException("cannot check \"" + python + "\": " + e.getMessage() + hint, e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while checking " + python, e);
        }
    }

    private static String bridgeScript() throws TargetException {
        try (InputStream in = WebAssemblyPty.class.getResourceAsStream(BRIDGE)) {
            if (in == null) {
                throw new TargetException(BRIDGE + " is missing from the mpunit-hardware jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TargetException("cannot read " + BRIDGE + " from the mpunit-hardware jar: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return port();
    }
}
