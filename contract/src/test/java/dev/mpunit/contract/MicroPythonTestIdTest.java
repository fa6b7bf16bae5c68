package dev.mpunit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.UniqueId;

class MicroPythonTestIdTest {

    private static final UniqueId ENGINE = UniqueId.forEngine("micropython");

    static Stream<MicroPythonTestId> ids() {
        return Stream.of(
                new MicroPythonTestId("RUN-TESTS_STANDARD", null, null, null),
                new MicroPythonTestId("RUN-TESTS_STANDARD", "webassembly", null, null),
                MicroPythonTestId.ofFile("RUN-TESTS_STANDARD", "webassembly", "list1.py"),
                MicroPythonTestId.ofFile("RUN-TESTS_STANDARD", "RPI_PICO2-RISCV", "extmod/vfs/vfs_basic.py"),
                new MicroPythonTestId("RUN-TESTS_EXTMOD_HARDWARE", "MICROBIT", "extmod_hardware/machine_i2s_rate.py",
                        "Test.test_rate"),
                // What file names and case names may hold: JUnit encodes some, not others.
                MicroPythonTestId.ofFile("RUN-TESTS_STANDARD", "webassembly", "my tests/a b.py"),
                MicroPythonTestId.ofFile("RUN-TESTS_STANDARD", "webassembly", "100%/50%25 done.py"),
                MicroPythonTestId.ofFile("RUN-TESTS_STANDARD", "webassembly", "c++/a+b.py"),
                MicroPythonTestId.ofFile("RUN-TESTS_STANDARD", "webassembly", "odd/[x:y]/a%2Fb.py"),
                new MicroPythonTestId("RUN-TESTS_STANDARD", "unix", "misc/unittest_x.py", "Test.test_a b+c%d/e"),
                MicroPythonTestId.ofFile("RUN-TESTS_STANDARD", "webassembly", "ünïcode/日本.py"));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void theTextFormReadsBackAsTheSameId(MicroPythonTestId id) {
        String text = id.format();
        assertThat(MicroPythonTestId.parse(text)).isEqualTo(id);
        assertThat(MicroPythonTestId.find(text)).contains(id);
        // JUnit's own reading of the text gives the values back as they were: the engine and the
        // listeners agree because both go through UniqueId.
        assertThat(UniqueId.parse(text)).isEqualTo(id.in(ENGINE));
    }

    @ParameterizedTest
    @MethodSource("ids")
    void anIdTheEngineBuildsByAppendingReadsBack(MicroPythonTestId id) {
        UniqueId built = ENGINE.append(IdSegments.GROUP, id.group());
        if (id.variant() != null) {
            built = built.append(IdSegments.VARIANT, id.variant());
        }
        if (id.file() != null) {
            built = built.append(IdSegments.FILE, id.file());
        }
        if (id.testCase() != null) {
            built = built.append(IdSegments.CASE, id.testCase());
        }
        assertThat(MicroPythonTestId.find(built)).contains(id);
        assertThat(MicroPythonTestId.find(built.toString())).contains(id);
    }

    @Test
    void aSlashInsideAValueIsWrittenPercentTwoF() {
        MicroPythonTestId id = MicroPythonTestId.ofFile("RUN-TESTS_STANDARD", "webassembly", "basics/list1.py");
        assertThat(id.format())
                .isEqualTo("[engine:micropython]/[group:RUN-TESTS_STANDARD]/[variant:webassembly]/[file:basics%2Flist1.py]");
        assertThat(MicroPythonTestId.parse(
                "[engine:micropython]/[group:RUN-TESTS_STANDARD]/[variant:webassembly]/[file:basics%2Flist1.py]"))
                .isEqualTo(id);
    }

    @Test
    void aPlusOrPercentIsEncodedAndASpaceIsNot() {
        String text = MicroPythonTestId.ofFile("G", "v", "a b+c%d.py").format();
        assertThat(text).endsWith("[file:a b%2Bc%25d.py]");
        // Written by hand as the README shows it, the value reads back the same.
        assertThat(MicroPythonTestId.parse("[engine:micropython]/[group:G]/[variant:v]/[file:a b%2Bc%25d.py]").file())
                .isEqualTo("a b+c%d.py");
    }

    @Test
    void aPlusTypedByHandIsASpaceAsJUnitReadsIt() {
        // JUnit decodes a segment as a URL form value: an id typed with a plain '+' names another file.
        assertThat(MicroPythonTestId.parse("[engine:micropython]/[group:G]/[variant:v]/[file:c++.py]").file())
                .isEqualTo("c  .py");
    }

    @Test
    void insideASuiteTheInnerEngineCounts() {
        UniqueId suiteEngine = UniqueId.forEngine("junit-platform-suite").append("suite", "dev.example.MicroPythonSuite")
                .append("engine", "micropython");
        MicroPythonTestId id = MicroPythonTestId.ofFile("RUN-PERFBENCH", "unix", "top.py");
        UniqueId inSuite = id.in(suiteEngine);
        assertThat(inSuite.toString()).startsWith("[engine:junit-platform-suite]/[suite:dev.example.MicroPythonSuite]"
                + "/[engine:micropython]/[group:RUN-PERFBENCH]");
        assertThat(MicroPythonTestId.find(inSuite.toString())).contains(id);
        assertThat(MicroPythonTestId.parse(inSuite.toString()).directory()).as("a file at the root has no directory")
                .isNull();
    }

    @Test
    void directoryAndFullName() {
        MicroPythonTestId id = new MicroPythonTestId("RUN-TESTS_STANDARD", "RPI_PICO_W", "extmod/vfs/vfs_basic.py",
                "Test.test_rate");
        assertThat(id.directory()).isEqualTo("extmod/vfs");
        assertThat(id.fullName()).isEqualTo("RUN-TESTS_STANDARD/RPI_PICO_W/extmod/vfs/vfs_basic.py#Test.test_rate");
        assertThat(new MicroPythonTestId("G", "v", null, null).fullName()).isEqualTo("G/v");
        assertThat(new MicroPythonTestId("G", "v", null, null).directory()).isNull();
    }

    @Test
    void otherEnginesAndTheEngineItselfAreNoNode() {
        assertThat(MicroPythonTestId.find(UniqueId.forEngine("junit-jupiter").append("class", "X").toString())).isEmpty();
        assertThat(MicroPythonTestId.find(UniqueId.forEngine("junit-platform-suite").append("suite", "S")
                .append("engine", "micropython").append("group", "G").append("engine", "junit-jupiter")
                .append("class", "X").toString())).isEmpty();
        assertThat(MicroPythonTestId.find("[engine:micropython]")).isEmpty();
        assertThat(MicroPythonTestId.find((String) null)).isEmpty();
        assertThat(MicroPythonTestId.find((UniqueId) null)).isEmpty();
        assertThatThrownBy(() -> MicroPythonTestId.parse("[engine:junit-jupiter]/[class:X]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[engine:junit-jupiter]/[class:X] is not the id of a test group, variant, file or case of the"
                        + " micropython engine: it has the shape [engine:micropython]/[group:…]/[variant:…]/[file:…]/[case:…],"
                        + " each level optional from the right");
    }

    @Test
    void aLevelOutOfPlaceIsNamed() {
        assertThatThrownBy(() -> MicroPythonTestId.parse("[engine:micropython]/[group:G]/[file:a.py]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("[engine:micropython]/[group:G]/[file:a.py] is not an id of the micropython engine's tree:"
                        + " [file:a.py] stands where a [variant:…] segment belongs; its ids have the shape"
                        + " [engine:micropython]/[group:…]/[variant:…]/[file:…]/[case:…], each level optional from the right");
        assertThatThrownBy(() -> MicroPythonTestId.parse("[engine:micropython]/[group:G]/[file:basics%2Fa%2Bb.py]"))
                .as("the segment as the id's text shows it")
                .hasMessageContaining(" [file:basics%2Fa%2Bb.py] stands where");
        assertThatThrownBy(() -> MicroPythonTestId.find("[engine:micropython]/[variant:v]"))
                .hasMessageContaining("[variant:v] stands where a [group:…] segment belongs");
        assertThatThrownBy(() -> MicroPythonTestId.find("[engine:micropython]/[group:G]/[variant:v]/[file:a.py]/[case:C]/[case:D]"))
                .hasMessageContaining("it has 5 levels below the engine, at most 4");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[engine:micropython]/[group:G", "engine:micropython/group:G", "[engine:micropython]/[group]"})
    void textThatIsNoUniqueIdSaysSo(String text) {
        assertThatThrownBy(() -> MicroPythonTestId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(text + " is not ")
                .hasMessageContaining("[engine:micropython]/[group:…]/[variant:…]/[file:…]/[case:…]");
    }

    @Test
    void blankValuesAndMissingLevelsAreRefused() {
        assertThatThrownBy(() -> new MicroPythonTestId(" ", null, null, null))
                .hasMessage("the group of a micropython test id is missing or blank");
        assertThatThrownBy(() -> new MicroPythonTestId("G", null, "a.py", null))
                .hasMessage("a file (a.py) needs the variant it runs on");
        assertThatThrownBy(() -> new MicroPythonTestId("G", "v", null, "Test.x"))
                .hasMessage("a unittest case (Test.x) needs the file it belongs to");
        assertThatThrownBy(() -> MicroPythonTestId.parse("[engine:micropython]/[group:G]/[variant: ]"))
                .as("JUnit refuses a blank value itself, and says so")
                .hasMessageStartingWith("[engine:micropython]/[group:G]/[variant: ] is not a unique id (value must not be"
                        + " null or blank): give one of the shape");
    }
}
