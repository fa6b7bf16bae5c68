package dev.mpunit.engine.verdict;

import java.util.Locale;

/**
 * The host's platform in CPython's {@code sys.platform} spelling, which is what
 * run-tests.py's host-dependent rules test ({@code darwin} for the flaky
 * table, {@code os.name == "nt"} for one Windows skip).
 */
public final class HostPlatform {

    private HostPlatform() {
    }

    /** {@code linux}, {@code darwin}, {@code win32}, or the lower-cased {@code os.name} for others. */
    public static String current() {
        return fromOsName(System.getProperty("os.name", ""));
    }

    /** Maps a Java {@code os.name} ("Linux", "Mac OS X", "Windows 11") to {@code sys.platform}. */
    public static String fromOsName(String osName) {
        String n = osName.toLowerCase(Locale.ROOT);
        if (n.startsWith("windows")) {
            return "win32";
        }
        if (n.startsWith("mac") || n.startsWith("darwin")) {
            return "darwin";
        }
        if (n.startsWith("linux")) {
            return "linux";
        }
        return n.replace(" ", "");
    }

    static boolean isWindows(String sysPlatform) {
        return "win32".equals(sysPlatform);
    }
}
