package dev.mpunit.hardware;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JVM that starts a process with a child of its own through the {@link Reaper}, makes a
 * temporary folder with it, starts a process whose caller waits for it ({@link Reaper#startAwaited})
 * after one that ended and was awaited, prints them and waits to be killed (see ReaperTest).
 */
public final class ReaperProbe {

    private ReaperProbe() {
    }

    public static void main(String[] args) throws Exception {
        // The grandchild ignores SIGTERM and SIGINT, as a busy node host or QEMU effectively does.
        Process process = Reaper.start(new ProcessBuilder("sh", "-c",
                "trap '' TERM INT; sleep 600 & echo grandchild $!; wait").redirectErrorStream(true));
        Path folder = Reaper.temporaryDirectory("mpunit-reaper-probe");
        Files.writeString(folder.resolve("inside.txt"), "left behind?");
        String grandchild = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
        System.out.println("child " + process.pid());
        System.out.println(grandchild);
        System.out.println("folder " + folder);
        Process ended = Reaper.startAwaited(new ProcessBuilder("true"));
        ended.waitFor();
        Reaper.awaited(ended);
        Process awaited = Reaper.startAwaited(new ProcessBuilder("sleep", "600"));
        System.out.println("awaited " + awaited.pid());
        System.out.flush();
        Thread.sleep(600_000);
    }
}
