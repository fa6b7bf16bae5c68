package dev.mpunit.cli;

import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.launcher.LauncherDiscoveryListener;

/**
 * What the engine said about the selection and its configuration at discovery: an error (an unknown
 * key, a value that cannot be read) means nothing runs, a warning says why less runs than asked.
 * Each is one line as the engine worded it: it names the key and what to give, or what exists.
 */
final class DiscoveryIssues implements LauncherDiscoveryListener {

    private final List<DiscoveryIssue> issues = new ArrayList<>();

    @Override
    public synchronized void issueEncountered(UniqueId engineId, DiscoveryIssue issue) {
        issues.add(issue);
    }

    synchronized List<DiscoveryIssue> all() {
        return List.copyOf(issues);
    }

    synchronized boolean anyError() {
        return issues.stream().anyMatch(issue -> issue.severity().compareTo(Severity.ERROR) >= 0);
    }
}
