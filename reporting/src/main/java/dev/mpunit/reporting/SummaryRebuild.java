package dev.mpunit.reporting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.ConfigurationParameters;

/**
 * A results folder's summary made again from what the folder holds ({@code mpunit report}): the
 * same files, to the byte, that the run wrote, or the run judged against another xfail file, and
 * compared with a baseline folder. Nothing else in the folder changes ({@code context.json} keeps
 * what the run said).
 */
public final class SummaryRebuild {

    private SummaryRebuild() {
    }

    /**
     * Rewrites {@code folder}'s summary files.
     *
     * @param xfail known failures instead of the ones the run had ({@code micropython.results.xfail})
     * @param baseline an earlier results folder to compare with ({@code micropython.results.baseline}):
     *     writes {@code baseline.md} and {@code baseline.json}
     * @return the files written, in the order they were written
     * @throws IllegalArgumentException when the folder, the xfail file or the baseline cannot be used; the
     *     message says what is wrong and what to give instead, and nothing has been written
     */
    public static List<Path> rebuild(Path folder, Optional<Path> xfail, Optional<Path> baseline) {
        Path results = folder.toAbsolutePath();
        if (!Files.isDirectory(results)) {
            throw new IllegalArgumentException(Files.exists(results) ? results + " is not a folder: give a results folder"
                    : results + " does not exist: give a results folder (./mpunit's results/<yyyymmdd-HHMMSS>)");
        }
        SummaryInputs inputs = SummaryInputs.read(results);
        if (xfail.isPresent()) {
            inputs = inputs.with(KnownFailures.load(xfail.get()));
        }
        BaselineRun earlier = BaselineRun.read(baseline.map(Path::toString));
        if (earlier.error().isPresent()) {
            throw new IllegalArgumentException(earlier.error().get() + ": give an earlier results folder");
        }
        FolderResults now;
        try {
            now = baseline.isPresent() ? FolderResults.read(results) : null;
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        AtomicFiles writer = new AtomicFiles(Secrets.of(NO_PARAMETERS));
        List<Path> written = new ArrayList<>();
        inputs.write(results, writer);
        written.addAll(List.of(results.resolve(SummaryInputs.FILE), results.resolve(Summary.TIMELINE),
                results.resolve(Summary.HTML), results.resolve(Summary.MARKDOWN)));
        if (!inputs.header().unfinished()) {
            written.add(results.resolve(Summary.XFAIL_TEMPLATE));
        }
        if (now != null) {
            earlier.compareWith(results, List.copyOf(now.runs().values()), writer);
            written.addAll(List.of(results.resolve("baseline.json"), results.resolve("baseline.md")));
        }
        return written;
    }

    /** Outside a run there are no configuration parameters: the secrets are the environment's. */
    private static final ConfigurationParameters NO_PARAMETERS = new ConfigurationParameters() {
        @Override
        public Optional<String> get(String key) {
            return Optional.empty();
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return Optional.empty();
        }

        @Override
        public Set<String> keySet() {
            return Set.of();
        }
    };
}
