package dev.mpunit.engine.discovery;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;

import java.util.ArrayList;
import java.util.List;

/**
 * The test files one discovery found but left out on purpose, by the filter keys or the group keys:
 * when nothing at all is selected, this is what says why (those files get no warning each).
 */
public final class LeftOut {

    private int byFilters;
    private int byGroupKeys;

    void byFilters() {
        byFilters++;
    }

    void byGroupKeys() {
        byGroupKeys++;
    }

    /** Why nothing was selected, as far as the files left out on purpose tell it; empty when none was. */
    public String reasons() {
        List<String> reasons = new ArrayList<>();
        if (byFilters > 0) {
            reasons.add(files(byFilters) + " left out by " + ConfigurationKeys.INCLUDE + ", "
                    + ConfigurationKeys.EXCLUDE + " or " + ConfigurationKeys.FILTER);
        }
        if (byGroupKeys > 0) {
            reasons.add(files(byGroupKeys) + " left out by " + ConfigurationKeys.SKIP_GROUP + ", "
                    + ConfigurationKeys.ONLY_FUT + " or " + ConfigurationKeys.SKIP_FUT);
        }
        return String.join("; ", reasons);
    }

    private static String files(int count) {
        return count == 1 ? "1 test file" : count + " test files";
    }
}
