package dev.mpunit.engine.discovery;

import dev.mpunit.engine.configuration.ResultsConfiguration;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;


import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.contract.CampaignId;
import dev.mpunit.contract.PullRequestAddress;
import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.contract.ResultsServerAddress;

/**
 * The results folder the reporting module's listener writes ({@code micropython.results.dir}) and the
 * results server it pushes it to ({@code micropython.results.upload}, with its campaign
 * {@code micropython.results.campaign}) and the pull request its summary is posted to
 * ({@code micropython.results.comment.*}), checked by the engine at
 * discovery: the engine is the one that can refuse a run before any target starts, and a run whose
 * results cannot be kept should not run at all. The check writes nothing
 * that stays: the listener creates the folder when the run starts.
 */
public final class ResultsFolder {

    static final String KEY = ReportingConfigurationKeys.RESULTS_DIR;

    private ResultsFolder() {
    }

    /** @throws IllegalArgumentException naming the folder and why it cannot be written */
    public static void requireWritable(ResultsConfiguration results) {
        Optional<String> configured = results.directory();
        if (configured.isEmpty()) {
            return;
        }
        Path folder;
        try {
            folder = Path.of(configured.get()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw refused(configured.get(), "it is not a path (" + e.getMessage() + ")");
        }
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw refused(configured.get(), "none of its parent folders exists");
        }
        if (!Files.isDirectory(existing)) {
            throw refused(configured.get(), existing.equals(folder) ? folder + " is a file, not a folder"
                    : existing + " is a file, not a folder");
        }
        // Permission bits say little (root, read-only mounts, /proc): try what the listener will do.
        try {
            Path probe = Files.createTempFile(existing, ".mpunit-results-check", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw refused(configured.get(), "no file can be created in " + existing + " (" + reason(e) + ")");
        }
    }

    /**
     * A results server to push to needs a folder to push and an address that is one.
     *
     * @throws IllegalArgumentException naming the key and what to give
     */
    public static void requirePushable(ResultsConfiguration results) {
        Optional<String> upload = results.upload();
        if (upload.isEmpty()) {
            return;
        }
        String key = ReportingConfigurationKeys.RESULTS_UPLOAD + "=" + upload.get();
        if (results.directory().isEmpty()) {
            throw new IllegalArgumentException(key + ": no results folder to push: set " + KEY + " too (./mpunit sets it)");
        }
        try {
            ResultsServerAddress.base(upload.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /**
     * A pull request to comment on needs a summary to post (the results folder's) and a repository
     * and number that are ones; the token is looked for only when the run ends, as the push's is.
     *
     * @throws IllegalArgumentException naming the key and what to give
     */
    public static void requireCommentable(ConfigurationParameters parameters, ResultsConfiguration results) {
        Optional<PullRequestAddress> pullRequest = PullRequestAddress.configured(parameters);
        if (pullRequest.isPresent() && results.directory().isEmpty()) {
            throw new IllegalArgumentException(ReportingConfigurationKeys.RESULTS_COMMENT_REPO + "=" + pullRequest.get().repo()
                    + ": no summary to post on pull request " + pullRequest.get() + ": set " + KEY + " too (./mpunit sets it)");
        }
    }

    /**
     * A campaign id goes into {@code context.json}, the push and the results server's addresses: one that
     * could not be all of them is refused before the run, not after it on the server.
     *
     * @throws IllegalArgumentException naming the key and what to give
     */
    public static void requireCampaign(ConfigurationParameters parameters) {
        CampaignId.configured(parameters);
    }

    private static IllegalArgumentException refused(String configured, String why) {
        return new IllegalArgumentException(KEY + "=" + configured + ": the results folder cannot be written: " + why
                + "; choose a folder you can write, or leave the key out to keep no results folder");
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            // What /proc answers: the file system there takes no new files.
            return "the file system refuses new files";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
