package dev.mpunit.engine.verdict;

import static dev.mpunit.engine.verdict.TestBytes.b;

import java.nio.ByteOrder;
import java.util.Map;

/** Profiles that need more than one change to the webassembly outputs. */
final class FeatureChecksBig {

    private FeatureChecksBig() {
    }

    /** A big-endian target seen from a little-endian host. */
    static final TargetProfile BIG_TARGET = bigTarget();

    private static TargetProfile bigTarget() {
        Map<String, byte[]> m = Profiles.webassemblyOutputs();
        m.put("byteorder.py", b("big\n"));
        return FeatureChecks.profile(m, ByteOrder.LITTLE_ENDIAN);
    }

    /** A unix port whose REPL has emacs keys and word movement. */
    static TargetProfile withRepl() {
        Map<String, byte[]> m = Profiles.webassemblyOutputs();
        m.put("target_info.py", b("linux x64 0 standard GIL 64 True detailed\n"));
        m.put("repl_emacs_check.py", b(">>> v == 45\nTrue\n"));
        m.put("repl_words_move_check.py", b(">>> w == 7\nTrue\n"));
        return FeatureChecks.profile(m, ByteOrder.LITTLE_ENDIAN);
    }
}
