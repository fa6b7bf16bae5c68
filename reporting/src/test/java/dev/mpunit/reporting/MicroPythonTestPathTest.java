package dev.mpunit.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.UniqueId;

class MicroPythonTestPathTest {

    private static final UniqueId FILE = UniqueId.forEngine("micropython").append("group", "RUN-TESTS_STANDARD")
            .append("variant", "RPI_PICO_W").append("file", "extmod/vfs/vfs_basic.py");

    @Test
    void readsGroupVariantFileAndCase() {
        MicroPythonTestPath path = MicroPythonTestPath.parse(FILE.append("case", "Test.test_rate").toString())
                .orElseThrow();
        assertThat(path).isEqualTo(
                new MicroPythonTestPath("RUN-TESTS_STANDARD", "RPI_PICO_W", "extmod/vfs/vfs_basic.py", "Test.test_rate"));
        assertThat(path.directory()).isEqualTo("extmod/vfs");
        assertThat(path.fullName()).isEqualTo("RUN-TESTS_STANDARD/RPI_PICO_W/extmod/vfs/vfs_basic.py#Test.test_rate");
    }

    @Test
    void insideASuiteTheInnerEngineCounts() {
        UniqueId inSuite = UniqueId.forEngine("junit-platform-suite").append("suite", "dev.example.MicroPythonSuite")
                .append("engine", "micropython").append("group", "RUN-PERFBENCH").append("variant", "unix")
                .append("file", "top.py");
        MicroPythonTestPath path = MicroPythonTestPath.parse(inSuite.toString()).orElseThrow();
        assertThat(path.group()).isEqualTo("RUN-PERFBENCH");
        assertThat(path.directory()).as("a file at the root has no directory").isNull();
    }

    @Test
    void otherEnginesAreNotOurs() {
        assertThat(MicroPythonTestPath.parse(UniqueId.forEngine("junit-jupiter").append("class", "X").toString()))
                .isEmpty();
        assertThat(MicroPythonTestPath.parse(UniqueId.forEngine("junit-platform-suite").append("suite", "S")
                .append("engine", "micropython").append("group", "G").append("engine", "junit-jupiter")
                .append("class", "X").toString())).isEmpty();
        assertThat(MicroPythonTestPath.parse(null)).isEmpty();
    }
}
