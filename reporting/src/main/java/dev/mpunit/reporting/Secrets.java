package dev.mpunit.reporting;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.contract.ReportingConfigurationKeys;
import dev.mpunit.contract.SecretSettings;

/**
 * The values that must never reach the results folder (WLAN credentials a net test prints, a
 * token on the command line) and their blanking out. Results folders are shared and uploaded;
 * a test's output is whatever the board printed, so the values are removed from the bytes
 * written, whatever file they end up in.
 */
final class Secrets {

    static final String MASK = "***";
    static final int MIN_LENGTH = SecretSettings.MIN_LENGTH;

    private final Set<String> keys;
    // Longest first: a secret that contains another is replaced whole, not around the shorter one.
    private final List<byte[]> needles;

    private Secrets(Set<String> keys, Set<String> values) {
        this.keys = Set.copyOf(keys);
        Set<String> forms = new LinkedHashSet<>();
        for (String value : values) {
            if (value.length() >= MIN_LENGTH) {
                forms.add(value);
                // JSON files hold the value escaped: a quote or backslash in it would hide it from a plain search.
                // A reason that quotes the output line as a string literal ("expected \"…\" but was \"…\"")
                // has it escaped once already, and JSON escapes that again.
                forms.add(Json.escaped(value));
                forms.add(Json.escaped(Json.escaped(value)));
            }
        }
        this.needles = forms.stream().map(form -> form.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] bytes) -> bytes.length).reversed()).toList();
    }

    static Secrets none() {
        return new Secrets(Set.of(), Set.of());
    }

    /** The secrets of this JVM: the values of the names in {@value ReportingConfigurationKeys#SECRETS} and of every key that says it is secret. */
    static Secrets of(ConfigurationParameters parameters) {
        return of(parameters, System.getenv(), System.getProperties());
    }

    static Secrets of(ConfigurationParameters parameters, Map<String, String> environment, Properties properties) {
        SecretSettings settings = SecretSettings.read(parameters, environment, properties);
        return new Secrets(settings.keys(), settings.values());
    }

    /** Every secret value, plain or JSON-escaped, replaced by {@value #MASK}. */
    /** {@code null} stays {@code null}. */
    String redact(String text) {
        return text == null ? null : new String(redact(text.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    byte[] redact(byte[] content) {
        byte[] result = content;
        for (byte[] needle : needles) {
            result = replace(result, needle);
        }
        return result;
    }

    /**
     * {@code -Dkey=value} of a secret key shows {@code -Dkey=***}, whatever the value's length
     * (the values themselves are blanked out by {@link #redact} as the file is written).
     */
    String commandLine(String commandLine) {
        if (commandLine == null) {
            return null;
        }
        String result = commandLine;
        for (String key : keys) {
            Matcher matcher = Pattern.compile("(-D" + Pattern.quote(key) + "=)(\"[^\"]*\"|'[^']*'|\\S*)").matcher(result);
            result = matcher.replaceAll(Matcher.quoteReplacement("-D" + key + "=" + MASK));
        }
        return result;
    }

    private static byte[] replace(byte[] content, byte[] needle) {
        int at = indexOf(content, needle, 0);
        if (at < 0) {
            return content;
        }
        byte[] mask = MASK.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
        int from = 0;
        while (at >= 0) {
            out.write(content, from, at - from);
            out.write(mask, 0, mask.length);
            from = at + needle.length;
            at = indexOf(content, needle, from);
        }
        out.write(content, from, content.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] content, byte[] needle, int from) {
        outer:
        for (int i = from; i <= content.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (content[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public String toString() {
        // Never the values: this object may end up in a log message.
        return "Secrets" + Arrays.toString(keys.toArray());
    }
}
