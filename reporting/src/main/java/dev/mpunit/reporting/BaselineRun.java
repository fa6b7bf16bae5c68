package dev.mpunit.reporting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.mpunit.contract.ReportingConfigurationKeys;

/**
 * The baseline named by {@value ReportingConfigurationKeys#RESULTS_BASELINE}, read when the plan
 * starts (it may be the folder this run is about to overwrite) and compared with this run's folder
 * when it ends. A baseline that cannot be read is said in baseline.md and context.json; the run
 * goes on.
 */
final class BaselineRun {

    private final Path folder;
    private final FolderResults results;
    private final String error;

    private BaselineRun(Path folder, FolderResults results, String error) {
        this.folder = folder;
        this.results = results;
        this.error = error;
    }

    static BaselineRun read(Optional<String> configured) {
        if (configured.isEmpty() || configured.get().isBlank()) {
            return new BaselineRun(null, null, null);
        }
        Path folder = Path.of(configured.get().trim()).toAbsolutePath();
        try {
            return new BaselineRun(folder, FolderResults.read(folder), null);
        } catch (IOException e) {
            return new BaselineRun(folder, null, "baseline not read: " + e.getMessage());
        }
    }

    /**
     * Writes baseline.md and baseline.json into {@code current}; nothing when no baseline was
     * asked for. This run's verdicts come from memory, not from its folder: a reused folder may
     * still hold runs of an earlier plan.
     */
    void compareWith(Path current, List<FolderResults.Run> now, AtomicFiles writer) {
        if (folder == null) {
            return;
        }
        if (results != null) {
            Map<String, FolderResults.Run> runs = new TreeMap<>();
            now.forEach(run -> runs.put(run.key(), run));
            BaselineComparison comparison = BaselineComparison.compare(folder.toString(), results,
                    new FolderResults(runs));
            writer.write(current.resolve("baseline.json"), Json.write(comparison.json()));
            writer.write(current.resolve("baseline.md"), comparison.markdown());
            return;
        }
        writer.write(current.resolve("baseline.json"), Json.write(BaselineComparison.errorJson(folder.toString(), error)));
        writer.write(current.resolve("baseline.md"), BaselineComparison.errorMarkdown(folder.toString(), error));
    }

    Optional<String> error() {
        return Optional.ofNullable(error);
    }
}
