package dev.mpunit.engine.verdict;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a test's expected output comes from, in run-tests.py's order: the
 * emitter-specific {@code <file>.<emit>.exp}, then {@code <file>.exp}, else
 * CPython.
 */
public final class ExpectedOutput {

    private ExpectedOutput() {
    }

    /** {@code x.py.native.exp} when it exists (for emitter {@code native}), else {@code x.py.exp} when it exists. */
    public static Optional<Path> expFile(Path testFile, String emit) {
        String name = testFile.getFileName().toString();
        Path specific = testFile.resolveSibling(name + "." + emit + ".exp");
        if (Files.isRegularFile(specific)) {
            return Optional.of(specific);
        }
        Path generic = testFile.resolveSibling(name + ".exp");
        return Files.isRegularFile(generic) ? Optional.of(generic) : Optional.empty();
    }

    /**
     * The expectation as the verdict needs it, computed only when asked: the
     * {@code .exp} file (newlines normalised) or CPython's output.
     *
     * @param testFile the test on disk
     * @param relPath its path relative to the tests root (for messages and the CPython cache)
     * @param emit the emitter, {@code bytecode} or {@code native}
     * @param cpython used only when there is no {@code .exp}; null means CPython is
     *        not available, and such tests fail with {@link CPythonNotFoundException}
     */
    public static Expectation.Source source(Path testFile, String relPath, String emit, CPython cpython) {
        return () -> {
            Optional<Path> exp = expFile(testFile, emit);
            if (exp.isPresent()) {
                String origin = relPath + exp.get().getFileName().toString().substring(testFile.getFileName().toString().length());
                return Expectation.of(RunTestsOutput.normaliseExpected(Files.readAllBytes(exp.get())), origin);
            }
            if (cpython == null) {
                throw new CPythonNotFoundException("nothing: no CPython configured and no " + relPath + ".exp", null);
            }
            CPython.Result r = cpython.run(testFile, relPath);
            return switch (r.kind()) {
                case OK -> Expectation.of(r.expected(), "CPython");
                case CRASHED -> Expectation.of(r.expected(), "CPython (which crashed)");
                case TIMED_OUT -> Expectation.failed(cpython.timeoutMessage(), "CPython");
            };
        };
    }

    /**
     * The raw {@code .exp} bytes a regex expectation is matched against
     * ({@link RunTestsOutput#afterRun}); upstream fails the run when there is none.
     *
     * @throws IOException when there is no {@code .exp} file or it cannot be read
     */
    public static byte[] regexExpBytes(Path testFile, String emit) throws IOException {
        Optional<Path> exp = expFile(testFile, emit);
        if (exp.isEmpty()) {
            throw new java.nio.file.NoSuchFileException(testFile + ".exp",
                    null, "a test with regex expected output needs an .exp file");
        }
        return Files.readAllBytes(exp.get());
    }
}
