package dev.mpunit.reporting;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;

import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The real engine on a test tree under a real launcher, for the end-to-end tests: one worker so
 * results come in a fixed order, and only the listeners given (the service-loaded copies would
 * write the same folders twice).
 */
final class EngineRun {

    private EngineRun() {
    }

    static LauncherDiscoveryRequestBuilder request(Path tree) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(tree.toFile()))
                .filters(EngineFilter.includeEngines("micropython"))
                .configurationParameter("micropython.root", tree.toString())
                .configurationParameter("micropython.workers", "1");
    }

    static void execute(LauncherDiscoveryRequest request, TestExecutionListener... listeners) {
        launcher().execute(request, listeners);
    }

    static Launcher launcher() {
        return LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    }
}
