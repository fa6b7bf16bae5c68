package dev.mpunit.hardware.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be read as an inventory at all: the message says which file and what to do. */
class InventoryFileTest {

    private static final String VALID = """
            {"testbed": "lab", "tentacles": [{"serial": "e46340474b174429", "board": "RPI_PICO2",
              "dut": {"usb_location": "3"}}]}
            """;

    @TempDir
    Path folder;

    @Test
    void missingFileNamesThePathItLookedAtAndTheJsonFilesBesideIt() throws Exception {
        Files.writeString(folder.resolve("ch_hans.json"), VALID);
        Path missing = folder.resolve("ch_hans_1.json");

        assertThat(failure(missing)).contains("testbed inventory " + missing + " does not exist", "check the path",
                "relative path starts from the working directory", "JSON files in " + folder + ": ch_hans.json");
    }

    @Test
    void aFolderIsNoInventory() throws Exception {
        Files.writeString(folder.resolve("emulated.json"), VALID);

        assertThat(failure(folder)).contains("testbed inventory " + folder + " is a folder, not a file",
                "give the path of the inventory's JSON file", "found there: emulated.json");
    }

    @Test
    void unreadableFile() throws Exception {
        Path file = Files.writeString(folder.resolve("lab.json"), VALID);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(file), "this user reads any file (root)");

        assertThat(failure(file)).contains("testbed inventory " + file + " cannot be read (permission denied)",
                "make it readable");
    }

    @Test
    void emptyFile() throws Exception {
        Path file = Files.writeString(folder.resolve("lab.json"), "  \n");

        assertThat(failure(file)).contains("testbed inventory " + file + " is empty", "\"tentacles\"");
    }

    @Test
    void textThatIsNotUtf8() throws Exception {
        Path file = Files.write(folder.resolve("lab.json"), new byte[] {'{', (byte) 0xE9, '}'});

        assertThat(failure(file)).contains("testbed inventory " + file + " is not UTF-8 text", "save it as UTF-8");
    }

    @Test
    void aByteOrderMarkIsNoProblem() throws Exception {
        Path file = Files.writeString(folder.resolve("lab.json"), "\uFEFF" + VALID);

        assertThat(Testbed.load(file).name()).isEqualTo("lab");
    }

    @Test
    void syntaxErrorsSayLineAndColumn() throws Exception {
        Path file = Files.writeString(folder.resolve("lab.json"), """
                {"testbed": "lab",
                  "tentacles": [],
                }
                """);

        assertThat(failure(file)).startsWith(file + ":3:1: JSON syntax error:").contains("trailing comma");
    }

    @Test
    void duplicateKeysAreRejected() throws Exception {
        Path file = Files.writeString(folder.resolve("lab.json"), """
                {"testbed": "lab", "tentacles": [{"serial": "a1", "serial": "a2", "board": "B", "dut": {"device": "a0"}}]}
                """);

        assertThat(failure(file)).startsWith(file + ":1:").contains("Duplicate", "\"serial\"", "remove or rename one");
    }

    @Test
    void textAfterTheInventoryIsRejected() throws Exception {
        Path file = Files.writeString(folder.resolve("lab.json"), VALID + "{\"testbed\": \"other\"}\n");

        assertThat(failure(file)).startsWith(file + ":3:").contains("more text after the inventory's closing '}'",
                "remove the rest");
    }

    private static String failure(Path file) {
        InventoryException e = catchThrowableOfType(InventoryException.class, () -> Testbed.load(file));
        assertThat(e).as("loading %s fails", file).isNotNull();
        return e.getMessage();
    }
}
