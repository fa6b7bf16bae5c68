package dev.mpunit.reporting;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine and the results folder listener in a JVM of their own, for tests whose subject is
 * the environment the run inherits (it cannot change inside the test's JVM). Arguments: the test
 * tree, then {@code key=value} configuration parameters.
 */
final class ChildEngineRun {

    private ChildEngineRun() {
    }

    /** The command that runs the tree in a child JVM with these {@code key=value} parameters, on this test's class path. */
    static ProcessBuilder command(Path tree, List<String> parameters) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ChildEngineRun.class.getName(), tree.toString()));
        command.addAll(parameters);
        return new ProcessBuilder(command);
    }

    public static void main(String[] args) {
        var request = EngineRun.request(Path.of(args[0]));
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            request.configurationParameter(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        EngineRun.execute(request.build(), new ResultsFolderListener());
    }
}
