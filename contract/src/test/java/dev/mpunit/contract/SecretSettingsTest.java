package dev.mpunit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

class SecretSettingsTest {

    @Test
    void namedSecretsComeFromEveryPlaceAndSecretNamedKeysFromParametersAndProperties() {
        Properties properties = new Properties();
        properties.setProperty("MY_NAMED", "from-a-property");
        properties.setProperty("db.password", "property-password");
        SecretSettings settings = SecretSettings.read(
                parameters(Map.of("micropython.secrets", "MY_NAMED, WLAN_PASS", "WLAN_PASS", "parameter-pass",
                        "api.token", "parameter-token", "micropython.timeout", "30")),
                Map.of("MY_NAMED", "from-the-environment", "HOME_PASSWORD_DIR", "/not/read/here"), properties);

        assertThat(settings.values()).containsExactlyInAnyOrder("from-the-environment", "from-a-property",
                "parameter-pass", "parameter-token", "property-password");
        assertThat(settings.keys()).containsExactlyInAnyOrder("MY_NAMED", "WLAN_PASS", "api.token", "db.password",
                "MPUNIT_UPLOAD_TOKEN", "GITHUB_TOKEN");
    }

    @Test
    void thePushTokenIsASecretFromTheVariableTheKeyNamesNotTheName() {
        Map<String, String> environment = Map.of("MPUNIT_UPLOAD_TOKEN", "mpt_default-place", "CI_PUSH", "mpt_other-place");

        assertThat(SecretSettings.read(parameters(Map.of()), environment, new Properties()).values())
                .containsExactly("mpt_default-place");
        SecretSettings renamed = SecretSettings.read(parameters(Map.of("micropython.results.upload.token-env", "CI_PUSH")),
                environment, new Properties());
        assertThat(renamed.values()).containsExactly("mpt_other-place");
        assertThat(renamed.keys()).contains("CI_PUSH").doesNotContain("micropython.results.upload.token-env");
    }

    @Test
    void theCommentsGitHubTokenIsASecretFromTheVariableTheKeyNamesNotTheName() {
        Map<String, String> environment = Map.of("GITHUB_TOKEN", "ghs_default-place", "PR_COMMENTER", "ghp_other-place");

        assertThat(SecretSettings.read(parameters(Map.of()), environment, new Properties()).values())
                .containsExactly("ghs_default-place");
        SecretSettings renamed = SecretSettings.read(parameters(Map.of("micropython.results.comment.token-env", "PR_COMMENTER")),
                environment, new Properties());
        assertThat(renamed.values()).containsExactly("ghp_other-place");
        assertThat(renamed.keys()).contains("PR_COMMENTER").doesNotContain("micropython.results.comment.token-env");
    }

    @Test
    void whatAProcessCouldPrintAddsSecretNamedEnvironmentVariables() {
        SecretSettings settings = SecretSettings.read(parameters(Map.of()), Map.of("WLAN_SSID", "my-network"),
                new Properties()).withSecretNamedVariables(Map.of("GITHUB_TOKEN", "ghp-value", "PATH", "/usr/bin"));

        assertThat(settings.values()).containsExactlyInAnyOrder("my-network", "ghp-value");
    }

    @Test
    void theListOfNamesIsNoSecret() {
        assertThat(SecretSettings.secretKey("micropython.secrets")).isFalse();
        assertThat(SecretSettings.secretKey("micropython.results.upload.token-env")).isFalse();
        assertThat(SecretSettings.secretKey("micropython.results.comment.token-env")).isFalse();
        assertThat(SecretSettings.secretKey("WLAN_PASSWORD")).isTrue();
        assertThat(SecretSettings.secretKey("micropython.timeout")).isFalse();
        assertThat(SecretSettings.read(parameters(Map.of("micropython.secrets", "SECRET_NAMES_ARE_NOT_VALUES")),
                Map.of(), new Properties()).values()).isEqualTo(Set.of());
    }

    private static ConfigurationParameters parameters(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::valueOf);
            }

            @Override
            public <T> Optional<T> get(String key, Function<? super String, ? extends T> transformer) {
                return get(key).map(transformer);
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }
}
