package dev.mpunit.hardware.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void whitespaceSeparatesWords() {
        assertThat(CommandLine.split("  qemu-system-arm\t-M  microbit \n")).containsExactly("qemu-system-arm", "-M", "microbit");
    }

    @Test
    void singleQuotesKeepEverything() {
        assertThat(CommandLine.split("sh -c 'echo \"$HOME\" \\n'")).containsExactly("sh", "-c", "echo \"$HOME\" \\n");
    }

    @Test
    void doubleQuotesKeepAllButEscapedQuotesAndBackslashes() {
        assertThat(CommandLine.split("a \"b c\" \"d\\\"e\" \"f\\\\g\" \"h\\ni\""))
                .containsExactly("a", "b c", "d\"e", "f\\g", "h\\ni");
    }

    @Test
    void backslashEscapesTheNextCharacter() {
        assertThat(CommandLine.split("a\\ b c\\'d")).containsExactly("a b", "c'd");
    }

    @Test
    void quotedPartsJoinTheWordAroundThem() {
        assertThat(CommandLine.split("--file='a b'.hex x\"\"")).containsExactly("--file=a b.hex", "x");
        assertThat(CommandLine.split("'' x")).containsExactly("", "x");
    }

    @Test
    void brokenQuotingIsRefused() {
        assertThatThrownBy(() -> CommandLine.split("echo 'a")).hasMessageContaining("unclosed '");
        assertThatThrownBy(() -> CommandLine.split("echo \"a")).hasMessageContaining("unclosed \"");
        assertThatThrownBy(() -> CommandLine.split("echo a\\")).hasMessageContaining("trailing \\");
        assertThatThrownBy(() -> CommandLine.split("   ")).hasMessageContaining("empty command");
    }
}
