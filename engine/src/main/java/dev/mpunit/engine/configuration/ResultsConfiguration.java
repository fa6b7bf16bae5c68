package dev.mpunit.engine.configuration;

import java.util.Optional;

/**
 * Where the results go. The reporting listeners read the results keys themselves; the engine reads
 * the folder and the results server's address only to check at discovery that the folder can be
 * written and the address is one, so that a run does not end with its results lost or unpushed.
 */
public record ResultsConfiguration(Optional<String> directory, Optional<String> upload) {
    // As given: whether it is a path at all is the check's to say, with the key and what to do.
}
