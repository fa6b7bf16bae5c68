package dev.mpunit.contract;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.platform.engine.ConfigurationParameters;

/**
 * Which values of a run are secret, read one way on both sides: reporting blanks them out of
 * every file it writes, the engine keeps outputs holding them out of its expected-output cache.
 * They are the values of the names in {@value ReportingConfigurationKeys#SECRETS} (environment
 * variables, system properties or configuration parameters) and of every key naming
 * {@code pass}, {@code secret} or {@code token} ({@code pass} covers {@code password}), and the
 * push token of the results server (the variable {@value ReportingConfigurationKeys#RESULTS_UPLOAD_TOKEN_ENV}
 * names, {@value ReportingConfigurationKeys#DEFAULT_UPLOAD_TOKEN_ENV} by default) and the GitHub token of the
 * pull-request comment ({@value ReportingConfigurationKeys#RESULTS_COMMENT_TOKEN_ENV},
 * {@value ReportingConfigurationKeys#DEFAULT_COMMENT_TOKEN_ENV} by default).
 *
 * @param keys the names whose values are secret, for masking {@code -Dkey=value} on a command line
 * @param values the secret values, of any length (see {@link #MIN_LENGTH})
 */
public record SecretSettings(Set<String> keys, Set<String> values) {

    /** Shorter values ({@code 1}, {@code on}) are not treated as secrets: they would blank out half of every output. */
    public static final int MIN_LENGTH = 4;
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)pass|secret|token");

    public SecretSettings {
        keys = Set.copyOf(keys);
        values = Set.copyOf(values);
    }

    /**
     * Whether a key says by its name that it holds a secret; the list of names is not itself one, nor
     * are the names of the tokens' variables.
     */
    public static boolean secretKey(String key) {
        return !key.equals(ReportingConfigurationKeys.SECRETS) && !key.equals(ReportingConfigurationKeys.RESULTS_UPLOAD_TOKEN_ENV)
                && !key.equals(ReportingConfigurationKeys.RESULTS_COMMENT_TOKEN_ENV) && SECRET_KEY.matcher(key).find();
    }

    /** The environment variable the results server's push token is read from. */
    public static String uploadTokenVariable(ConfigurationParameters parameters) {
        return parameters.get(ReportingConfigurationKeys.RESULTS_UPLOAD_TOKEN_ENV).map(String::strip)
                .filter(name -> !name.isEmpty()).orElse(ReportingConfigurationKeys.DEFAULT_UPLOAD_TOKEN_ENV);
    }

    /** The environment variable the pull-request comment's GitHub token is read from. */
    public static String commentTokenVariable(ConfigurationParameters parameters) {
        return parameters.get(ReportingConfigurationKeys.RESULTS_COMMENT_TOKEN_ENV).map(String::strip)
                .filter(name -> !name.isEmpty()).orElse(ReportingConfigurationKeys.DEFAULT_COMMENT_TOKEN_ENV);
    }

    /** The named secrets and the secret-named configuration parameters and system properties. */
    public static SecretSettings read(ConfigurationParameters parameters, Map<String, String> environment,
            Properties properties) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> values = new LinkedHashSet<>();
        String names = parameters.get(ReportingConfigurationKeys.SECRETS).orElse(ReportingConfigurationKeys.DEFAULT_SECRETS)
                // The push token is a secret whether or not a results server is configured: a test may print it.
                + "," + uploadTokenVariable(parameters) + "," + commentTokenVariable(parameters);
        for (String name : names.split(",")) {
            String key = name.trim();
            if (key.isEmpty()) {
                continue;
            }
            keys.add(key);
            Optional.ofNullable(environment.get(key)).ifPresent(values::add);
            Optional.ofNullable(properties.getProperty(key)).ifPresent(values::add);
            parameters.get(key).ifPresent(values::add);
        }
        Set<String> candidates = new LinkedHashSet<>(parameters.keySet());
        candidates.addAll(properties.stringPropertyNames());
        for (String key : candidates) {
            if (secretKey(key)) {
                keys.add(key);
                Optional.ofNullable(properties.getProperty(key)).ifPresent(values::add);
                parameters.get(key).ifPresent(values::add);
            }
        }
        return new SecretSettings(keys, values);
    }

    /**
     * These secrets and the values of secret-named environment variables: everything a process
     * started with this environment (CPython) could print. Reporting does not blank those out of
     * its files (a {@code PASSWORD_STORE_DIR} path is no secret), but a cache must not keep them.
     */
    public SecretSettings withSecretNamedVariables(Map<String, String> environment) {
        Set<String> allKeys = new LinkedHashSet<>(keys);
        Set<String> allValues = new LinkedHashSet<>(values);
        environment.forEach((key, value) -> {
            if (secretKey(key)) {
                allKeys.add(key);
                allValues.add(value);
            }
        });
        return new SecretSettings(allKeys, allValues);
    }
}
