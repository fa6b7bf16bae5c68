package dev.mpunit.engine.execution;

import dev.mpunit.engine.descriptor.TestFileDescriptor;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.opentest4j.AssertionFailedError;

import dev.mpunit.engine.verdict.Printable;
import dev.mpunit.engine.verdict.Tracebacks;
import dev.mpunit.engine.verdict.UnittestCase;
import dev.mpunit.engine.verdict.Verdict;

/**
 * A failed verdict as the IDE wants it: {@link AssertionFailedError} with expected and actual
 * output (the diff view), and the MicroPython traceback's frames as the stack trace, so a click
 * lands on the test file's line.
 */
final class Failures {

    private Failures() {
    }

    static Throwable of(TestFileDescriptor file, Verdict verdict) {
        String message = Printable.message(verdict.message());
        // The diff view compares these: text as it is, other bytes escaped so that outputs that
        // differ only there still differ on screen.
        AssertionFailedError error = verdict.expected() == null || verdict.actual() == null
                ? new AssertionFailedError(message)
                : new AssertionFailedError(message, Printable.lines(verdict.expected()),
                        Printable.lines(verdict.actual()));
        error.setStackTrace(frames(file, verdict.actual()));
        return error;
    }

    static Throwable ofCase(TestFileDescriptor file, UnittestCase testCase) {
        String message = testCase.status() + ": " + testCase.className() + "." + testCase.methodName()
                + (testCase.detail().isEmpty() ? "" : "\n" + testCase.detail());
        AssertionFailedError error = new AssertionFailedError(Printable.message(message));
        error.setStackTrace(frames(file, testCase.detail().getBytes(StandardCharsets.UTF_8)));
        return error;
    }

    /**
     * Java orders frames innermost first, Python innermost last. A frame of {@code <stdin>} (how
     * webassembly names the main script) or of the test file itself points at the test file.
     */
    static StackTraceElement[] frames(TestFileDescriptor file, byte[] output) {
        Path testFile = file.file();
        String fileName = testFile.getFileName().toString();
        String moduleName = file.relativePath().replaceAll("\\.(py|mjs|js)$", "").replace('/', '.');
        List<StackTraceElement> frames = new ArrayList<>();
        String text = output == null ? "" : new String(output, StandardCharsets.UTF_8);
        for (Tracebacks.Frame frame : Tracebacks.lastTraceback(text)) {
            String function = frame.function() == null ? "<module>" : frame.function();
            if (frame.isMainScript(testFile)) {
                frames.add(0, new StackTraceElement(moduleName, function, fileName, frame.line()));
            } else {
                String otherName = Path.of(frame.file()).getFileName().toString();
                frames.add(0, new StackTraceElement(otherName.replaceAll("\\.py$", ""), function, otherName,
                        frame.line()));
            }
        }
        if (frames.isEmpty()) {
            frames.add(new StackTraceElement(moduleName, "<module>", fileName, 1));
        }
        return frames.toArray(StackTraceElement[]::new);
    }
}
