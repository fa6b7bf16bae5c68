package dev.mpunit.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tests root written by a test: {@code tests/basics/t1.py} … {@code tN.py}, each printing its number. */
public final class GeneratedTree {

    private GeneratedTree() {
    }

    public static Path basics(Path folder, int files) throws IOException {
        Path tree = folder.resolve("tests");
        Files.createDirectories(tree.resolve("basics"));
        for (int i = 1; i <= files; i++) {
            Files.writeString(tree.resolve("basics/t" + i + ".py"), "print(" + i + ")\n");
        }
        return tree;
    }
}
