package dev.mpunit.hardware;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ends what this JVM started, however the JVM ends. Every process the engine starts (node hosts,
 * QEMU, pty bridges, the unix port, CPython, programmers, firmware builds) and every temporary
 * folder it makes is registered here.
 *
 * <p>A shutdown hook is not enough: {@code kill -9} runs none, and node, QEMU or a Python script
 * busy in a test never notice that their parent is gone. So a small watchdog process ({@code sh})
 * is started with the first registration; the JVM holds the only write end of the watchdog's
 * stdin. The kernel closes it when the JVM ends, for whatever reason, and at that end of file the
 * watchdog kills the registered processes with all their descendants and removes the registered
 * folders. The watchdog ignores SIGINT, SIGHUP and SIGTERM: Ctrl-C in a terminal reaches the
 * whole process group, and the watchdog must outlive the JVM to do its work.
 *
 * <p>One watchdog serves the whole JVM, as one JVM has one end: that is why this is a class with
 * static state. Without {@code sh} (not a POSIX system) it logs once and registers nothing.
 */
public final class Reaper {

    private static final System.Logger LOG = System.getLogger(Reaper.class.getName());

    /**
     * Reads "+ pid", "- pid", "+d path", "-d path" lines; at end of file kills the listed
     * processes and their descendants (found with ps, if there is one) and removes the folders.
     */
    private static final String WATCHDOG = """
            trap '' INT HUP TERM QUIT
            pids=''
            dirs=''
            nl='
            '
            while IFS= read -r line; do
              case $line in
                '+ '*) pids="$pids ${line#+ }" ;;
                '- '*) kept=''; for p in $pids; do [ "$p" = "${line#- }" ] || kept="$kept $p"; done; pids=$kept ;;
                '+d '*) dirs="$dirs$nl${line#+d }" ;;
                '-d '*) kept=''; old_ifs=$IFS; IFS=$nl
                        for d in $dirs; do [ "$d" = "${line#-d }" ] || kept="$kept$nl$d"; done
                        IFS=$old_ifs; dirs=$kept ;;
              esac
            done
            if [ -n "$pids" ]; then
              all=$(ps -A -o pid= -o ppid= 2>/dev/null | awk -v roots="$pids" '
                BEGIN { n = split(roots, r, " "); for (i = 1; i <= n; i++) keep[r[i]] = 1 }
                { parent[$1] = $2 }
                END { more = 1
                      while (more) { more = 0
                        for (p in parent) if (!(p in keep) && (parent[p] in keep)) { keep[p] = 1; more = 1 } }
                      for (p in keep) print p }')
              [ -n "$all" ] || all=$pids
              kill -KILL $all 2>/dev/null
            fi
            IFS=$nl
            for d in $dirs; do [ -n "$d" ] && rm -rf -- "$d"; done
            """;

    private static Process watchdogProcess; // guarded by Reaper.class
    private static OutputStream watchdog; // guarded by Reaper.class
    private static boolean unavailable; // guarded by Reaper.class
    private static final Set<Process> processes = new LinkedHashSet<>(); // guarded by Reaper.class
    private static boolean stopping; // guarded by Reaper.class

    private Reaper() {
    }

    /**
     * Starts {@code builder}'s process and registers it: it is killed, with what it started, when
     * the JVM ends before it does.
     *
     * @throws IOException when the process cannot be started, or {@link #stopAll()} was called
     */
    public static Process start(ProcessBuilder builder) throws IOException {
        Process process = register(builder);
        watch(process);
        return process;
    }

    /**
     * Like {@link #start}, for a caller that waits for the process itself and then calls
     * {@link #awaited}: no thread watches for its end. {@code onExit()} starts a thread for every
     * process on a machine of 2 cores or fewer (about 0.25 ms of CPU each), and a run of upstream's
     * tests on the unix port starts 1,100 of them.
     *
     * @throws IOException when the process cannot be started, or {@link #stopAll()} was called
     */
    public static Process startAwaited(ProcessBuilder builder) throws IOException {
        return register(builder);
    }

    /**
     * Unregisters a process of {@link #startAwaited} once its caller saw it end. One that still runs
     * (it outlived a kill) stays registered and is watched as {@link #start}'s are.
     */
    public static void awaited(Process process) {
        if (process.isAlive()) {
            watch(process);
            return;
        }
        unregister(process);
    }

    private static Process register(ProcessBuilder builder) throws IOException {
        Process process;
        synchronized (Reaper.class) {
            if (stopping) {
                throw new IOException("not started, the run is being interrupted: " + String.join(" ", builder.command()));
            }
            // Started under the lock: an interruption's stopAll() must not miss a process between
            // its start and its registration.
            process = builder.start();
            processes.add(process);
            tell("+ " + process.pid());
        }
        return process;
    }

    private static void watch(Process process) {
        process.onExit().thenRun(() -> unregister(process));
    }

    private static void unregister(Process process) {
        synchronized (Reaper.class) {
            if (processes.remove(process)) {
                tell("- " + process.pid());
            }
        }
    }

    /** A new temporary folder, removed with everything in it when the JVM ends before {@link #delete} did. */
    public static Path temporaryDirectory(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix).toAbsolutePath();
        if (folder.toString().contains("\n")) {
            throw new IOException("the temporary folder " + folder + " has a line break in its name");
        }
        synchronized (Reaper.class) {
            tell("+d " + folder);
        }
        return folder;
    }

    /** Removes a folder of {@link #temporaryDirectory} with everything in it; it is no longer watched. */
    public static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Gone already, or unreadable: the watchdog tries again at the JVM's end.
            return;
        }
        synchronized (Reaper.class) {
            tell("-d " + folder.toAbsolutePath());
        }
    }

    /**
     * Kills every registered process that still runs, with its descendants, now, and starts no
     * more: a run that is interrupted (the JVM is ending) ends its tests this way instead of
     * waiting for them.
     */
    public static void stopAll() {
        List<Process> running;
        synchronized (Reaper.class) {
            stopping = true;
            running = List.copyOf(processes);
        }
        for (Process process : running) {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroyForcibly();
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void tell(String line) {
        if (unavailable) {
            return;
        }
        try {
            if (watchdog == null) {
                watchdogProcess = new ProcessBuilder("sh", "-c", WATCHDOG)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                watchdog = watchdogProcess.getOutputStream();
            }
            if (!line.isEmpty()) {
                watchdog.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                watchdog.flush();
            }
        } catch (IOException e) {
            unavailable = true;
            LOG.log(Level.WARNING, "no watchdog for the processes this JVM starts (" + e.getMessage()
                    + "): a JVM killed with kill -9 may leave them running");
        }
    }
}
