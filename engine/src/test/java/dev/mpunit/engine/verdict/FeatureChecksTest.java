package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.b;
import static dev.mpunit.engine.verdict.TestBytes.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureChecksTest {

    @Test
    void checksAreInRunTestsOrder() {
        assertThat(FeatureChecks.ALL).extracting(FeatureChecks.Check::script).containsExactly(
                "target_info.py", "inlineasm.py", "native_check.py", "int_big.py", "int_64.py", "bytearray.py",
                "set_check.py", "slice.py", "async_check.py", "const.py", "reverse_ops.py", "fstring.py",
                "tstring.py", "repl_emacs_check.py", "repl_words_move_check.py", "byteorder.py", "complex.py",
                "coverage.py");
        assertThat(FeatureChecks.ALL).filteredOn(FeatureChecks.Check::repl).extracting(FeatureChecks.Check::script)
                .containsExactly("repl_emacs_check.py", "repl_words_move_check.py");
        assertThat(FeatureChecks.toRun(true)).isEqualTo(FeatureChecks.ALL);
        assertThat(FeatureChecks.toRun(false)).hasSize(16).noneMatch(FeatureChecks.Check::repl);
    }

    @Test
    void everyCheckIsBundled() {
        for (FeatureChecks.Check c : FeatureChecks.ALL) {
            assertThat(FeatureChecks.bundledScript(c.script())).as(c.script()).isNotEmpty();
        }
        assertThatThrownBy(() -> FeatureChecks.bundledScript("nope.py")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTreesOwnScriptWins(@TempDir Path tree) throws IOException {
        Files.createDirectories(tree.resolve("feature_check"));
        Files.writeString(tree.resolve("feature_check/const.py"), "print(1)\n");
        assertThat(s(FeatureChecks.script("const.py", tree))).isEqualTo("print(1)\n");
        assertThat(FeatureChecks.script("slice.py", tree)).isEqualTo(FeatureChecks.bundledScript("slice.py"));
        assertThat(FeatureChecks.script("slice.py", null)).isEqualTo(FeatureChecks.bundledScript("slice.py"));
    }

    @Test
    void readsTheWebassemblyPort() {
        TargetProfile p = Profiles.webassembly();
        assertThat(p.platform()).isEqualTo("webassembly");
        assertThat(p.arch()).isNull();
        assertThat(p.archFlags()).isNull();
        assertThat(p.build()).isEqualTo("pyscript");
        assertThat(p.thread()).isNull();
        assertThat(p.floatPrecision()).isEqualTo(64);
        assertThat(p.unicode()).isTrue();
        assertThat(p.errorReporting()).isEqualTo("detailed");
        assertThat(p.inlineAsmArch()).isNull();
        assertThat(p.inlineAsmFeatures()).isEmpty();
        assertThat(p.nativeEmitter()).isFalse();
        assertThat(p.intBig()).isTrue();
        assertThat(p.int64()).isTrue();
        assertThat(p.bytearray()).isTrue();
        assertThat(p.setType()).isTrue();
        assertThat(p.slice()).isTrue();
        assertThat(p.async()).isTrue();
        assertThat(p.constKeyword()).isTrue();
        assertThat(p.reverseOps()).isTrue();
        assertThat(p.fstring()).isTrue();
        assertThat(p.tstring()).isFalse();
        assertThat(p.complex()).isTrue();
        assertThat(p.coverage()).isFalse();
        assertThat(p.endianMatchesHost()).isTrue();
        assertThat(p.replEmacs()).isFalse();
        assertThat(p.replWordsMove()).isFalse();
        assertThat(p.isPcPlatform()).isFalse();
        assertThat(p.port()).isEqualTo("webassembly");
        assertThat(p.describe()).isEqualTo("platform=webassembly float=64-bit unicode");
        assertThat(p.mpyCrossFlags()).isEmpty();
    }

    @Test
    void aCrashedTargetInfoStopsWithAClearMessage() {
        Map<String, byte[]> m = Profiles.webassemblyOutputs();
        m.put("target_info.py", b("Traceback (most recent call last):\nKeyError: 55\nCRASH"));
        assertThatThrownBy(() -> FeatureChecks.profile(m, ByteOrder.LITTLE_ENDIAN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot detect platform: target_info.py crashed")
                .hasMessageContaining("KeyError: 55");
    }

    @Test
    void targetInfoMustHaveEightFields() {
        assertThatThrownBy(() -> Profiles.withInfo("webassembly None 0"))
                .hasMessageContaining("expected 8 fields");
        assertThatThrownBy(() -> Profiles.withInfo("webassembly None 0 standard GIL 64 True normal extra"))
                .hasMessageContaining("expected 8 fields");
        Map<String, byte[]> m = Profiles.webassemblyOutputs();
        m.remove("target_info.py");
        assertThatThrownBy(() -> FeatureChecks.profile(m, ByteOrder.LITTLE_ENDIAN)).hasMessageContaining("not run");
    }

    @Test
    void readsAnRv32Board() {
        TargetProfile p = Profiles.withInfo("rp2 rv32imc 3 RPI_PICO2 GIL 32 True normal");
        assertThat(p.arch()).isEqualTo("rv32imc");
        assertThat(p.archFlags()).containsExactly("zba", "zcmp");
        assertThat(p.thread()).isEqualTo("GIL");
        assertThat(p.floatPrecision()).isEqualTo(32);
        assertThat(p.mpyCrossFlags()).contains("-march=rv32imc -march-flags=zba,zcmp");
        assertThat(p.describe()).isEqualTo("platform=rp2 arch=rv32imc arch_flags=zba,zcmp thread=GIL float=32-bit unicode");
        assertThatThrownBy(() -> Profiles.withInfo("rp2 rv32imc 4 RPI_PICO2 GIL 32 True normal"))
                .hasMessage("Unexpected flag bits set in value 4");
        // flags of other architectures are ignored, as upstream
        assertThat(Profiles.withInfo("rp2 armv6m 4 RPI_PICO None 30 False terse").archFlags()).isNull();
    }

    @Test
    void readsTheInlineAssembler() {
        TargetProfile p = Profiles.with("inlineasm.py", "thumb,vfp,thumb2\n");
        assertThat(p.inlineAsmArch()).isEqualTo("thumb");
        assertThat(p.inlineAsmFeatures()).containsExactly("vfp", "thumb2");
        assertThat(p.describe()).contains("inlineasm=thumb");
    }

    @Test
    void reverseOpsAreMissingOnlyOnExactlyTypeError() {
        assertThat(Profiles.with("reverse_ops.py", "TypeError\n").reverseOps()).isFalse();
        assertThat(Profiles.with("reverse_ops.py", "TypeError\nCRASH").reverseOps()).isTrue();
        assertThat(Profiles.with("reverse_ops.py", "").reverseOps()).isTrue();
    }

    @Test
    void featuresNeedTheirExactOutput() {
        assertThat(Profiles.with("native_check.py", "native\n").nativeEmitter()).isTrue();
        assertThat(Profiles.with("native_check.py", "native").nativeEmitter()).isFalse();
        assertThat(Profiles.with("int_big.py", "1000000000000000000000000000000000000000000000\nCRASH").intBig()).isFalse();
        assertThat(Profiles.with("coverage.py", "coverage\n").coverage()).isTrue();
        assertThat(Profiles.with("complex.py", "no\n").complex()).isFalse();
        assertThat(Profiles.with("set_check.py", "set()\n").setType()).isFalse();
    }

    @Test
    void byteOrderIsComparedWithTheHost() {
        Map<String, byte[]> m = Profiles.webassemblyOutputs();
        assertThat(FeatureChecks.profile(m, ByteOrder.BIG_ENDIAN).endianMatchesHost()).isFalse();
        m.put("byteorder.py", b("big\n"));
        assertThat(FeatureChecks.profile(m, ByteOrder.BIG_ENDIAN).endianMatchesHost()).isTrue();
    }

    @Test
    void replChecksLookForTrueAnywhere() {
        TargetProfile p = Profiles.with("repl_emacs_check.py", "MicroPython v1.27\n>>> v = 45\n>>> v == 45\nTrue\n>>> ");
        assertThat(p.replEmacs()).isTrue();
        assertThat(p.replWordsMove()).isFalse();
    }

    @Test
    void portsOfPlatforms() {
        assertThat(TargetProfile.portOf("pyboard")).isEqualTo("stm32");
        assertThat(TargetProfile.portOf("WiPy")).isEqualTo("cc3200");
        assertThat(TargetProfile.portOf("linux")).isEqualTo("unix");
        assertThat(TargetProfile.portOf("darwin")).isEqualTo("unix");
        assertThat(TargetProfile.portOf("win32")).isEqualTo("unix");
        assertThat(TargetProfile.portOf("rp2")).isEqualTo("rp2");
        assertThat(Profiles.withInfo("linux x64 0 standard GIL 64 True detailed").isPcPlatform()).isTrue();
    }
}
