package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.b;

import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/** Feature-check outputs of real targets, and variations of them for the tests. */
public final class Profiles {

    private Profiles() {
    }

    /**
     * As printed by MicroPython 1.27's webassembly port (node micropython.mjs); checked against the
     * real port by VariantRuntimeTest.
     */
    public static Map<String, byte[]> webassemblyOutputs() {
        Map<String, byte[]> m = new HashMap<>();
        m.put("target_info.py", b("webassembly None 0 pyscript None 64 True detailed\n"));
        m.put("inlineasm.py", b(""));
        m.put("native_check.py", b("Traceback (most recent call last):\n  File \"<stdin>\", line 2, in <module>\n"
                + "SyntaxError: invalid micropython decorator\n\n"));
        m.put("int_big.py", b("1000000000000000000000000000000000000000000000\n"));
        m.put("int_64.py", b("4611686018427387904\n"));
        m.put("bytearray.py", b("bytearray\n"));
        m.put("set_check.py", b("{1}\n"));
        m.put("slice.py", b("slice\n"));
        m.put("async_check.py", b("async\n"));
        m.put("const.py", b("1\n"));
        m.put("reverse_ops.py", b(""));
        m.put("fstring.py", b("a=1\n"));
        m.put("tstring.py", b("Traceback (most recent call last):\n  File \"<stdin>\", line 4\nSyntaxError: invalid syntax\n\n"));
        m.put("byteorder.py", b("little\n"));
        m.put("complex.py", b("complex\n"));
        m.put("coverage.py", b("no\n"));
        return m;
    }

    static TargetProfile webassembly() {
        return FeatureChecks.profile(webassemblyOutputs(), ByteOrder.LITTLE_ENDIAN);
    }

    /** The webassembly profile with target_info.py's line replaced. */
    static TargetProfile withInfo(String targetInfoLine) {
        Map<String, byte[]> m = webassemblyOutputs();
        m.put("target_info.py", b(targetInfoLine + "\n"));
        return FeatureChecks.profile(m, ByteOrder.LITTLE_ENDIAN);
    }

    /** The webassembly profile with one check's output replaced. */
    static TargetProfile with(String script, String output) {
        Map<String, byte[]> m = webassemblyOutputs();
        m.put(script, b(output));
        return FeatureChecks.profile(m, ByteOrder.LITTLE_ENDIAN);
    }
}
