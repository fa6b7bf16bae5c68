package dev.mpunit.engine.configuration;

import dev.mpunit.engine.ConfigurationKeys;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The one list of known keys and the documentation's table name the same keys. */
class ConfigurationKeysTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(micropython\\.[^`]+)` \\|", Pattern.MULTILINE);

    @Test
    void everyDocumentedKeyIsKnownAndEveryKnownKeyDocumented() throws IOException {
        String table = Files.readString(Path.of("../docs/configuration.md"));
        Matcher rows = ROW.matcher(table);
        List<String> documented = rows.results().map(row -> row.group(1)).toList();

        assertThat(ConfigurationKeys.all()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(documented);
    }
}
