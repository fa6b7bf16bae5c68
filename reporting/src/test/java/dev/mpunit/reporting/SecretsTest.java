package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void theDefaultNamesAreUpstreamsWlanCredentialsFromTheEnvironment() {
        Secrets secrets = Secrets.of(new FakePlan(Map.of()).plan().getConfigurationParameters(),
                Map.of("WLAN_SSID", "HomeNet", "WLAN_PASS", "letmein!", "HOME", "/home/me"), new Properties());

        assertThat(redact(secrets, "connect('HomeNet', 'letmein!') in /home/me"))
                .isEqualTo("connect('***', '***') in /home/me");
    }

    @Test
    void keysThatSayTheyAreSecretAreSoWhateverTheListSays() {
        Properties properties = new Properties();
        properties.setProperty("ci.deploy.token", "from-a-property");
        Secrets secrets = Secrets.of(new FakePlan(Map.of("micropython.secrets", "NONE_OF_THESE",
                "net.Password", "pw-value", "micropython.timeout", "1234")).plan().getConfigurationParameters(),
                Map.of(), properties);

        assertThat(redact(secrets, "pw-value from-a-property 1234")).isEqualTo("*** *** 1234");
    }

    @Test
    void shortValuesAreLeftAloneAndALongerSecretIsReplacedWhole() {
        Secrets secrets = Secrets.of(new FakePlan(Map.of("micropython.secrets", "A,B,C", "A", "abc", "B", "abcd",
                "C", "abcdefgh")).plan().getConfigurationParameters(), Map.of(), new Properties());

        assertThat(redact(secrets, "abc abcd abcdefgh")).isEqualTo("abc *** ***");
    }

    @Test
    void aValueIsFoundEscapedInJson() {
        Secrets secrets = Secrets.of(new FakePlan(Map.of("micropython.secrets", "P", "P", "a\"b\\c\nd"))
                .plan().getConfigurationParameters(), Map.of(), new Properties());

        assertThat(redact(secrets, Json.write(Map.of("text", "x a\"b\\c\nd y")))).isEqualTo("{\n  \"text\": \"x *** y\"\n}\n");
        assertThat(redact(secrets, "raw a\"b\\c\nd")).isEqualTo("raw ***");
    }

    @Test
    void theCommandLineShowsSecretKeysMaskedWhateverTheirValue() {
        Secrets secrets = Secrets.of(new FakePlan(Map.of("micropython.secrets", "WLAN_PASS", "WLAN_PASS", "x"))
                .plan().getConfigurationParameters(), Map.of(), new Properties());

        assertThat(secrets.commandLine("java -DWLAN_PASS=x -Dother=1 -DWLAN_PASS=\"a b\" -jar t.jar"))
                .isEqualTo("java -DWLAN_PASS=*** -Dother=1 -DWLAN_PASS=*** -jar t.jar");
        assertThat(secrets.commandLine(null)).isNull();
        assertThat(secrets.toString()).doesNotContain("=x");
    }

    private static String redact(Secrets secrets, String text) {
        return new String(secrets.redact(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }
}
