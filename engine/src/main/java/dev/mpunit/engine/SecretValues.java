package dev.mpunit.engine;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.platform.engine.ConfigurationParameters;

/**
 * The values the results folder blanks out (reporting's {@code Secrets}, docs/results-folder.md),
 * read the same way so that the engine keeps them out of what it stores itself: the names in
 * {@code micropython.secrets} (default {@code WLAN_SSID,WLAN_PASS}) and every key naming
 * {@code pass}, {@code secret} or {@code token}. Environment variables with such names count too:
 * they reach CPython, and through it the expected outputs.
 */
final class SecretValues {

    static final String NAMES = "micropython.secrets";
    static final String DEFAULT_NAMES = "WLAN_SSID,WLAN_PASS";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)pass|secret|token");

    private SecretValues() {
    }

    static Set<String> of(ConfigurationParameters parameters) {
        return of(parameters, System.getenv(), System.getProperties());
    }

    static Set<String> of(ConfigurationParameters parameters, Map<String, String> environment, Properties properties) {
        Set<String> values = new LinkedHashSet<>();
        for (String name : parameters.get(NAMES).orElse(DEFAULT_NAMES).split(",")) {
            String key = name.trim();
            if (!key.isEmpty()) {
                Optional.ofNullable(environment.get(key)).ifPresent(values::add);
                Optional.ofNullable(properties.getProperty(key)).ifPresent(values::add);
                parameters.get(key).ifPresent(values::add);
            }
        }
        environment.forEach((key, value) -> {
            if (secret(key)) {
                values.add(value);
            }
        });
        for (String key : properties.stringPropertyNames()) {
            if (secret(key)) {
                values.add(properties.getProperty(key));
            }
        }
        for (String key : parameters.keySet()) {
            if (secret(key)) {
                parameters.get(key).ifPresent(values::add);
            }
        }
        return values;
    }

    /** The list of names is not itself a secret. */
    private static boolean secret(String key) {
        return !key.equals(NAMES) && SECRET_KEY.matcher(key).find();
    }
}
