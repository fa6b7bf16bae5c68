package dev.mpunit.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TokenRedactorTest {

    private static final String TOKEN = "mpt_q3Vh0-_9ZxY2rT8wK1mN4pL6sD5fG7hJ0aB3cE2iU";

    @Test
    void everyTokenInATextIsBlanked() {
        assertThat(TokenRedactor.redact("curl -H 'Authorization: Bearer " + TOKEN + "' x; again " + TOKEN + "."))
                .isEqualTo("curl -H 'Authorization: Bearer mpt_***' x; again mpt_***.");
    }

    @Test
    void aTokenAsMarkdownWritesItIsBlankedToo() {
        String markdown = "| Trigger | mpt\\_q3Vh0-\\_9ZxY |";

        assertThat(TokenRedactor.redact(markdown)).isEqualTo("| Trigger | mpt_*** |");
        assertThat(new String(TokenRedactor.redact(markdown.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8))
                .isEqualTo("| Trigger | mpt_*** |");
    }

    @Test
    void textWithoutATokenStaysAsItIs() {
        assertThat(TokenRedactor.redact("mpt_ alone, mpt_*** already blanked")).isEqualTo("mpt_ alone, mpt_*** already blanked");
        assertThat(TokenRedactor.redact((String) null)).isNull();
    }

    @Test
    void bytesAreBlankedAroundWhateverElseTheyHold() {
        byte[] bytes = ("\u00ff\u0000" + TOKEN + "\nrest mpt_").getBytes(StandardCharsets.ISO_8859_1);

        assertThat(new String(TokenRedactor.redact(bytes), StandardCharsets.ISO_8859_1))
                .isEqualTo("\u00ff\u0000mpt_***\nrest mpt_");
        byte[] clean = "nothing here".getBytes(StandardCharsets.US_ASCII);
        assertThat(TokenRedactor.redact(clean)).isSameAs(clean);
    }
}
