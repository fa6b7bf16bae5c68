package dev.mpunit.hardware.serial;

import java.util.List;

/** A JVM that starts a board process and is then killed from outside (see ExitGuardTest). */
public final class ExitGuardProbe {

    private ExitGuardProbe() {
    }

    public static void main(String[] args) throws Exception {
        ProcessLink link = ProcessLink.start(List.of("sleep", "120"));
        ProcessHandle.current().children().forEach(child -> System.out.println("child " + child.pid()));
        System.out.flush();
        Thread.sleep(120_000);
        link.close();
    }
}
