package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void aRunFolderKeepsOctoprobeNamesAndReplacesWhatAFileNameCannotHold() {
        assertThat(FileNames.runFolder("RUN-TESTS_STANDARD", "webassembly")).isEqualTo("RUN-TESTS_STANDARD@webassembly");
        assertThat(FileNames.runFolder("RUN-TESTS_STANDARD", "execpty:qemu -serial pty"))
                .isEqualTo("RUN-TESTS_STANDARD@execpty_qemu_-serial_pty");
        assertThat(FileNames.runFolder("G", "port:/dev/ttyACM0")).isEqualTo("G@port__dev_ttyACM0");
        assertThat(FileNames.runFolder("G", "..")).isEqualTo("G@___");
    }

    @Test
    void aTestBaseNameIsRunTestsPyOne() {
        assertThat(FileNames.testBaseName("basics/list1.py")).isEqualTo("basics_list1.py");
        assertThat(FileNames.testBaseName("inlineasm/thumb/asm1.py")).isEqualTo("inlineasm_thumb_asm1.py");
    }
}
