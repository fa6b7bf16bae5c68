package dev.mpunit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoveryIssue;
import org.junit.platform.engine.DiscoveryIssue.Severity;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * A testbed inventory's mistakes that the inventory checks cannot see alone: a board name no port
 * knows (a typo becomes a variant of its own), and a serial port that is not there, told to be
 * corrected where it was written (the inventory, not {@code micropython.target}).
 */
class TestbedInputTest {

    @TempDir
    Path folder;

    private Path inventory(String board, String dut) throws IOException {
        Path inventory = folder.resolve("lab.json");
        Files.writeString(inventory, "{\"testbed\": \"lab\", \"tentacles\": [{\"serial\": \"e46340474b174429\","
                + " \"board\": \"" + board + "\", \"dut\": " + dut + "}]}");
        return inventory;
    }

    private Path test(String relativePath) throws IOException {
        Path file = folder.resolve(relativePath);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "print(1)\n");
        return file;
    }

    private static List<String> warnings(EngineTestKit.Builder engine) {
        return engine.discover().getDiscoveryIssues().stream().filter(issue -> issue.severity() == Severity.WARNING)
                .map(DiscoveryIssue::message).toList();
    }

    @Test
    void aBoardNoPortKnowsIsNamedWithTheNearestKnownBoard() throws IOException {
        Path tests = test("tests/basics/a.py").getParent().getParent();
        for (String board : List.of("MICROBT", "NOT_A_REAL_BOARD")) {
            Path inventory = inventory(board, "{\"emulator\": \"qemu-microbit\"}");

            List<String> warnings = warnings(EngineTestKit.engine(MicroPythonTestEngine.ID)
                    .configurationParameter("micropython.testbed", inventory.toString())
                    .selectors(selectDirectory(tests.toFile())));

            assertThat(warnings).singleElement().asString().startsWith("micropython: micropython.testbed=" + inventory
                    + ": board \"" + board + "\" is not a board of MicroPython v1.29's ports/*/boards/: "
                    + (board.equals("MICROBT") ? "did you mean \"MICROBIT\"?" : "check the spelling"));
        }
    }

    @Test
    void aKnownBoardGetsNoWord() throws IOException {
        Path inventory = inventory("MICROBIT", "{\"emulator\": \"qemu-microbit\"}");

        assertThat(warnings(EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.testbed", inventory.toString())
                .selectors(selectFile(test("tests/basics/a.py").toFile())))).isEmpty();
    }

    @Test
    void testsInAMicroPythonCheckoutAreCheckedAgainstItsOwnBoards() throws IOException {
        Path board = folder.resolve("ports/rp2/boards/MY_OWN_PICO/mpconfigboard.cmake");
        Files.createDirectories(board.getParent());
        Files.writeString(board, "");
        Path test = test("tests/basics/a.py");

        assertThat(warnings(EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.testbed",
                        inventory("MY_OWN_PICO", "{\"emulator\": \"qemu-microbit\"}").toString())
                .selectors(selectFile(test.toFile())))).isEmpty();
        assertThat(warnings(EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.testbed",
                        inventory("MY_OWN_PICO2", "{\"emulator\": \"qemu-microbit\"}").toString())
                .selectors(selectFile(test.toFile())))).singleElement().asString()
                .contains("is not a board of " + folder.resolve("ports") + "/*/boards/", "did you mean \"MY_OWN_PICO\"?");
    }

    @Test
    void aTentaclesMissingSerialPortIsToBeCorrectedInTheInventory() throws IOException {
        Path inventory = inventory("RPI_PICO2", "{\"device\": \"port:/dev/ttyMPUNIT-NO-SUCH-PORT\"}");

        EngineExecutionResults results = EngineTestKit.engine(MicroPythonTestEngine.ID)
                .configurationParameter("micropython.testbed", inventory.toString())
                .configurationParameter("micropython.progress", "off")
                .selectors(selectFile(test("tests/basics/a.py").toFile()))
                .execute();

        List<String> failures = results.testEvents().failed().stream()
                .map(event -> event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow().getMessage())
                .toList();
        assertThat(failures).singleElement().asString()
                .contains("no serial port /dev/ttyMPUNIT-NO-SUCH-PORT",
                        "set the \"dut\" of tentacle 4429-RPI_PICO2 in the inventory " + inventory + " to one of them")
                .doesNotContain("micropython.target");
        assertThat(results.testEvents().started().stream().map(Event::getTestDescriptor)).hasSize(1);
    }
}
