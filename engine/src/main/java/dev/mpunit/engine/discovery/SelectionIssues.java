package dev.mpunit.engine.discovery;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.configuration.GroupSelection;
import dev.mpunit.engine.configuration.VariantSelection;
import dev.mpunit.engine.descriptor.TestGroup;

import java.util.List;
import java.util.Optional;

import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.support.discovery.DiscoveryIssueReporter;

/**
 * Warnings about a group or variant selection that is valid but runs less than it says: a group
 * this version cannot run, keys that leave no group, variant patterns that match nothing on
 * offer. Unknown values are errors already, raised while reading the configuration.
 */
public final class SelectionIssues {

    private final EngineConfiguration configuration;

    public SelectionIssues(EngineConfiguration configuration) {
        this.configuration = configuration;
    }

    public void report(DiscoveryIssueReporter issues) {
        for (TestGroup group : TestGroup.values()) {
            Optional<String> lacking = configuration.unsupported(group);
            if (configuration.selection().groups().contains(group) && lacking.isPresent()) {
                warn(issues, group.label() + " is not supported yet: " + lacking.get() + ": it runs nothing");
            }
        }
        if (configuration.selection().groups().isEmpty()) {
            warn(issues, "the group selection (" + ConfigurationKeys.GROUPS + ", " + ConfigurationKeys.SKIP_GROUP
                    + ", " + ConfigurationKeys.ONLY_FUT + ", " + ConfigurationKeys.SKIP_FUT
                    + ") leaves no test group for a whole tests root: groups are "
                    + GroupSelection.labels(List.of(TestGroup.values())));
        }
        VariantSelection variants = configuration.selection().variantSelection();
        if (variants.isAll()) {
            return;
        }
        List<String> offered = configuration.variants();
        for (String pattern : variants.only()) {
            if (offered.stream().noneMatch(variant -> VariantSelection.matches(pattern, variant))) {
                warn(issues, ConfigurationKeys.ONLY_VARIANT + "=" + pattern + " matches none of the variants on offer: "
                        + String.join(", ", offered));
            }
        }
        if (configuration.selection().selectedVariants(offered).isEmpty()) {
            warn(issues, "the variant selection (" + ConfigurationKeys.ONLY_VARIANT + "=" + String.join(",", variants.only())
                    + ", " + ConfigurationKeys.SKIP_VARIANT + "=" + String.join(",", variants.skip())
                    + ") leaves none of the variants on offer (" + String.join(", ", offered) + "): nothing runs");
        }
    }

    private static void warn(DiscoveryIssueReporter issues, String message) {
        issues.reportIssue(DiscoveryIssue.create(Severity.WARNING, "micropython: " + message));
    }
}
