package dev.mpunit.engine.configuration;

import java.util.Optional;

/**
 * Where the results go. The reporting listeners read the results keys themselves; the engine reads
 * the folder only to check at discovery that it can be written, so that a run does not end with
 * its results lost.
 */
public record ResultsConfiguration(Optional<String> directory) {
    // As given: whether it is a path at all is the check's to say, with the key and what to do.
}
