package dev.mpunit.engine.verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What run-tests.py learns about a target before running any test: the
 * {@code target_info.py} line and the answers of the other feature checks.
 * Built by {@link FeatureChecks#profile}; the skip rules read nothing else.
 *
 * @param platform {@code sys.platform} ({@code minimal} when the target has none)
 * @param arch native architecture from {@code sys.implementation._mpy}
 *        ({@code armv6m}, {@code xtensawin}, ...), null when the target has none
 * @param archFlags for {@code rv32imc} the extensions named by the flag bits
 *        ({@code zba}, {@code zcmp}), otherwise null as upstream
 * @param build {@code sys.implementation._build} ({@code unknown} when absent)
 * @param thread {@code sys.implementation._thread} ({@code GIL}, {@code unsafe}),
 *        null without threads
 * @param floatPrecision 0 (no float), 30, 32 or 64
 * @param unicode whether strings are unicode
 * @param errorReporting {@code none}, {@code terse}, {@code normal} or {@code detailed};
 *        empty when a tests tree before v1.28.0 did not ask (no error-reporting skips then)
 * @param inlineAsmArch {@code thumb}, {@code xtensa}, {@code rv32}, null without an
 *        inline assembler (whatever else inlineasm.py printed is kept as is, as
 *        upstream does)
 * @param inlineAsmFeatures the further fields inlineasm.py printed ({@code vfp},
 *        {@code thumb2}, {@code windowed}, {@code zba}, {@code zcmp})
 * @param nativeEmitter native_check.py printed {@code native}
 * @param intBig int_big.py printed the 46-digit number
 * @param int64 int_64.py printed 2**62
 * @param bytearray bytearray.py printed {@code bytearray}
 * @param setType set_check.py printed {@code {1}}
 * @param slice slice.py printed {@code slice}
 * @param async async_check.py printed {@code async}
 * @param constKeyword const.py printed {@code 1}
 * @param reverseOps reverse_ops.py did not print {@code TypeError}
 * @param fstring fstring.py printed {@code a=1}
 * @param tstring tstring.py printed {@code tstring}
 * @param complex complex.py printed {@code complex}
 * @param coverage coverage.py printed {@code coverage}
 * @param endianMatchesHost byteorder.py printed the host's byte order
 * @param replEmacs repl_emacs_check.py's transcript contains {@code True}
 * @param replWordsMove repl_words_move_check.py's transcript contains {@code True}
 */
public record TargetProfile(
        String platform,
        String arch,
        List<String> archFlags,
        String build,
        String thread,
        int floatPrecision,
        boolean unicode,
        String errorReporting,
        String inlineAsmArch,
        List<String> inlineAsmFeatures,
        boolean nativeEmitter,
        boolean intBig,
        boolean int64,
        boolean bytearray,
        boolean setType,
        boolean slice,
        boolean async,
        boolean constKeyword,
        boolean reverseOps,
        boolean fstring,
        boolean tstring,
        boolean complex,
        boolean coverage,
        boolean endianMatchesHost,
        boolean replEmacs,
        boolean replWordsMove) {

    /** Upstream's {@code PC_PLATFORMS}: the {@code sys.platform} values of the unix port. */
    public static final List<String> PC_PLATFORMS = List.of("darwin", "linux", "win32");

    public TargetProfile {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(build, "build");
        Objects.requireNonNull(errorReporting, "errorReporting");
        archFlags = archFlags == null ? null : List.copyOf(archFlags);
        inlineAsmFeatures = List.copyOf(inlineAsmFeatures);
        if (inlineAsmArch != null && inlineAsmArch.isEmpty()) {
            inlineAsmArch = null;
        }
    }

    /** Whether the target is the unix port ({@link #PC_PLATFORMS}). */
    public boolean isPcPlatform() {
        return PC_PLATFORMS.contains(platform);
    }

    /**
     * Upstream's {@code platform_to_port}: the directory name under
     * {@code ports/} for this platform ({@code pyboard} → {@code stm32},
     * {@code WiPy} → {@code cc3200}, PC platforms → {@code unix}).
     */
    public String port() {
        return portOf(platform);
    }

    /** {@link #port()} for any platform name. */
    public static String portOf(String platform) {
        return switch (platform) {
            case "pyboard" -> "stm32";
            case "WiPy" -> "cc3200";
            case "darwin", "linux", "win32" -> "unix";
            default -> platform;
        };
    }

    /**
     * The mpy-cross flags run-tests.py derives when none are given:
     * {@code -march=<arch>} plus {@code -march-flags=zba,...} for rv32.
     */
    public Optional<String> mpyCrossFlags() {
        if (arch == null) {
            return Optional.empty();
        }
        String flags = "-march=" + arch;
        if (archFlags != null && !archFlags.isEmpty()) {
            flags += " -march-flags=" + String.join(",", archFlags);
        }
        return Optional.of(flags);
    }

    /**
     * The target line run-tests.py prints before the tests, e.g.
     * {@code platform=webassembly float=64-bit unicode}.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("platform=").append(platform);
        if (arch != null) {
            sb.append(" arch=").append(arch);
            if (archFlags != null && !archFlags.isEmpty()) {
                sb.append(" arch_flags=").append(String.join(",", archFlags));
            }
        }
        if (inlineAsmArch != null) {
            sb.append(" inlineasm=").append(inlineAsmArch);
        }
        if (thread != null) {
            sb.append(" thread=").append(thread);
        }
        if (floatPrecision != 0) {
            sb.append(" float=").append(floatPrecision).append("-bit");
        }
        if (unicode) {
            sb.append(" unicode");
        }
        return sb.toString();
    }
}
