package dev.mpunit.reporting;

/** Names in the results folder, made from group, variant and test names. */
final class FileNames {

    private FileNames() {
    }

    /** {@code <group>@<variant>}: anything but letters, digits and {@code . _ - + @} becomes {@code _}. */
    static String runFolder(String group, String variant) {
        return sanitize(group) + "@" + sanitize(variant);
    }

    /** run-tests.py's name for a failure's {@code .exp}/{@code .out}: {@code basics/x.py} → {@code basics_x.py}. */
    static String testBaseName(String testName) {
        return sanitize(testName.replace("..", "_").replace("./", "").replace('/', '_'));
    }

    private static String sanitize(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._+@-]", "_");
        // "." and ".." would name the folder itself or its parent.
        return cleaned.isEmpty() || cleaned.matches("\\.+") ? cleaned.replace('.', '_') + "_" : cleaned;
    }
}
