package dev.mpunit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The contract's constants and the pages that document it say the same. */
class DocumentedContractTest {

    private static final Pattern TABLE_KEY = Pattern.compile("(?m)^\\| `(micropython\\.[a-z.-]+)` \\|");

    private static List<String> tableKeys(String page) throws IOException {
        Matcher matcher = TABLE_KEY.matcher(Files.readString(Path.of("../docs", page)));
        return matcher.results().map(result -> result.group(1)).toList();
    }

    @Test
    void theReportEntryKeysAreTheRowsOfReportEntriesMd() throws IOException {
        assertThat(tableKeys("report-entries.md")).containsExactlyElementsOf(
                java.util.stream.Stream.concat(ReportEntryKeys.ALL.stream(), ReportEntryKeys.RUN_KEYS.stream()).toList());
    }

    @Test
    void theKeysReportingReadsAreRowsOfConfigurationMd() throws IOException {
        assertThat(tableKeys("configuration.md")).containsAll(ReportingConfigurationKeys.ALL);
    }

    @Test
    void theVerdictWordsAndTheCancelledPrefixAreThoseOfReportEntriesMd() throws IOException {
        String page = Files.readString(Path.of("../docs/report-entries.md"));
        String verdictRow = page.lines().filter(line -> line.startsWith("| `" + ReportEntryKeys.VERDICT + "`"))
                .findFirst().orElseThrow();
        assertThat(Verdicts.ALL).allSatisfy(word -> assertThat(verdictRow).contains("`" + word + "`"));
        assertThat(page.replace('\n', ' ')).contains("`" + Verdicts.CANCELLED_REASON_PREFIX + "`");
    }
}
