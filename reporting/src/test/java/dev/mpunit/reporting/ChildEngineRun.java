package dev.mpunit.reporting;

import java.nio.file.Path;

/**
 * The engine and the results folder listener in a JVM of their own, for tests whose subject is
 * the environment the run inherits (it cannot change inside the test's JVM). Arguments: the test
 * tree, then {@code key=value} configuration parameters.
 */
final class ChildEngineRun {

    private ChildEngineRun() {
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
