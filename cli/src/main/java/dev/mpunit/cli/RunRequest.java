package dev.mpunit.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.Filter;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * What one run of the engine is asked to do, as the options said it: the selectors, the
 * {@code micropython.*} configuration parameters and JUnit's tag filters. {@code test} and
 * {@code list-tests} build the same request; the second adds its two keys.
 *
 * @param configuration in the order the options gave them (a run's {@code context.json} lists them so)
 * @param changes       what {@code --changed-since} or {@code --changed-files} chose, and why
 */
record RunRequest(List<DiscoverySelector> selectors, Map<String, String> configuration, List<String> includeTags,
        List<String> excludeTags, Optional<ChangedSelection> changes) {

    /** The engine this command runs: nothing else found on the class path (Jupiter in a test's) takes part. */
    static final String ENGINE = "micropython";

    RunRequest {
        selectors = List.copyOf(selectors);
        configuration = Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
        includeTags = List.copyOf(includeTags);
        excludeTags = List.copyOf(excludeTags);
    }

    RunRequest(List<DiscoverySelector> selectors, Map<String, String> configuration, List<String> includeTags,
            List<String> excludeTags) {
        this(selectors, configuration, includeTags, excludeTags, Optional.empty());
    }

    /** The same request with these keys added (or replaced). */
    RunRequest with(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(configuration);
        all.putAll(more);
        return new RunRequest(selectors, all, includeTags, excludeTags, changes);
    }

    /** The launcher's discovery request; implicit parameters (junit-platform.properties, {@code -D}) still count. */
    LauncherDiscoveryRequest discoveryRequest(LauncherDiscoveryListener listener) {
        List<Filter<?>> filters = new ArrayList<>();
        filters.add(EngineFilter.includeEngines(ENGINE));
        if (!includeTags.isEmpty()) {
            filters.add(TagFilter.includeTags(includeTags));
        }
        if (!excludeTags.isEmpty()) {
            filters.add(TagFilter.excludeTags(excludeTags));
        }
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(filters.toArray(Filter<?>[]::new))
                .configurationParameters(configuration)
                .listeners(listener)
                .build();
    }
}
