package dev.mpunit.hardware.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Small shell scripts standing in for node, npm and micropython: honest for process handling. */
final class FakeCommands {

    private FakeCommands() {}

    /** Writes an executable {@code /bin/sh} script. */
    static Path script(Path directory, String name, String body) throws IOException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "fake commands are /bin/sh scripts");
        Path file = directory.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A node that only answers {@code --version}. */
    static Path node(Path directory, String version) throws IOException {
        return script(directory, "node", "echo " + version + "\n");
    }

    /**
     * An npm that installs a dummy package where {@code npm install --prefix <dir>} would, after
     * {@code delaySeconds}, and counts its runs in {@code <directory>/npm.count}.
     */
    static Path npm(Path directory, String delaySeconds) throws IOException {
        return script(directory, "npm", """
                echo run >> "%s/npm.count"
                prefix=""
                while [ $# -gt 0 ]; do
                  if [ "$1" = "--prefix" ]; then prefix="$2"; shift; fi
                  shift
                done
                sleep %s
                dir="$prefix/node_modules/@micropython/micropython-webassembly-pyscript"
                mkdir -p "$dir"
                echo "// fake" > "$dir/micropython.mjs"
                echo "fake" > "$dir/micropython.wasm"
                echo '{ "name": "@micropython/micropython-webassembly-pyscript", "version": "1.27.0" }' > "$dir/package.json"
                echo "added 1 package"
                """.formatted(directory, delaySeconds));
    }

    static int npmRuns(Path directory) throws IOException {
        Path count = directory.resolve("npm.count");
        return Files.exists(count) ? Files.readAllLines(count).size() : 0;
    }
}
