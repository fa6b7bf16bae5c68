package dev.mpunit.hardware.testbed;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Optional;

/**
 * The lock that keeps two runs off one testbed, as Octoprobe's {@code testbed.lock}: an exclusive
 * lock on a file in a folder everyone may write ({@code /tmp/mpunit/testbed.lock} by default), which
 * the operating system lets go when the run's process ends, however it ends. The file tells who
 * holds it (pid, host, start time, command), so that a refused run names the holder; a file still
 * naming someone while nobody holds the lock was left by a run that was killed, and is taken over.
 * Java locks the file with {@code fcntl} record locks, which do not see the {@code flock} of
 * Octoprobe's Python: the file is mpunit's own, not Octoprobe's.
 */
public final class TestbedLock implements AutoCloseable {

    /**
     * Octoprobe's is {@code /tmp/octoprobe/testbed.lock}; this is mpunit's, in {@code /tmp} too (not the
     * JVM's own temporary folder, which another run may have elsewhere), else in the temporary folder.
     */
    public static final Path DEFAULT_FILE = (Files.isDirectory(Path.of("/tmp")) ? Path.of("/tmp")
            : Path.of(System.getProperty("java.io.tmpdir"))).resolve("mpunit").resolve("testbed.lock");

    private static final int COMMAND_LIMIT = 300;

    /**
     * Who holds the lock, as written in the file.
     *
     * @param command the holder's command line, shortened
     */
    public record Holder(long pid, String host, Instant started, String command) {

        public Holder {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(started, "started");
            command = command == null ? "" : command.length() > COMMAND_LIMIT
                    ? command.substring(0, COMMAND_LIMIT) + " …" : command;
        }

        /** This process. */
        public static Holder thisProcess() {
            ProcessHandle self = ProcessHandle.current();
            return new Holder(self.pid(), hostName(), Instant.now(), command(self.info()));
        }

        /** The command without the class path and system properties, which would fill the message. */
        static String command(ProcessHandle.Info info) {
            String executable = info.command().map(path -> Path.of(path).getFileName().toString()).orElse("java");
            List<String> kept = new ArrayList<>(List.of(executable));
            String[] arguments = info.arguments().orElse(new String[0]);
            for (int i = 0; i < arguments.length; i++) {
                String argument = arguments[i];
                if (Set.of("-cp", "-classpath", "--class-path", "-p", "--module-path").contains(argument)) {
                    i++;
                } else if (!argument.startsWith("-D") && !argument.startsWith("-X")
                        && !argument.startsWith("-javaagent")) {
                    kept.add(argument);
                }
            }
            return String.join(" ", kept);
        }

        /** {@code pid 1234 on host lab1 since 2026-12-06T22:50:01Z (java … mpunit run …)}. */
        public String describe() {
            return "pid " + pid + " on host " + host + " since " + started + (command.isEmpty() ? "" : " (" + command + ")");
        }

        String format() {
            return "pid=" + pid + "\nhost=" + host + "\nstarted=" + started + "\ncommand=" + command + "\n";
        }

        /** The holder the text names, or empty when it is empty or not in this form (written by something else). */
        static Optional<Holder> parse(String text) {
            Long pid = null;
            String host = null;
            Instant started = null;
            String command = "";
            for (String line : text.split("\n")) {
                int equals = line.indexOf('=');
                if (equals < 0) {
                    continue;
                }
                String value = line.substring(equals + 1);
                try {
                    switch (line.substring(0, equals)) {
                        case "pid" -> pid = Long.parseLong(value.strip());
                        case "host" -> host = value.strip();
                        case "started" -> started = Instant.parse(value.strip());
                        case "command" -> command = value;
                        default -> { }
                    }
                } catch (NumberFormatException | DateTimeParseException e) {
                    return Optional.empty();
                }
            }
            return pid == null || host == null || started == null ? Optional.empty()
                    : Optional.of(new Holder(pid, host, started, command));
        }
    }

    /** A run that finds the testbed locked; the message names the holder and what to do. */
    public static final class HeldException extends Exception {

        private final transient Optional<Holder> holder;

        HeldException(String message, Optional<Holder> holder) {
            super(message);
            this.holder = holder;
        }

        /** Who holds it, when the file says. */
        public Optional<Holder> holder() {
            return holder;
        }
    }

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Holder holder;
    private final Optional<Holder> tookOverFrom;

    private TestbedLock(Path file, FileChannel channel, FileLock lock, Holder holder, Optional<Holder> tookOverFrom) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
        this.holder = holder;
        this.tookOverFrom = tookOverFrom;
    }

    /**
     * Takes the lock for {@code holder}, at once or not at all.
     *
     * @throws HeldException when another run holds it, naming that run
     * @throws IOException when the file cannot be made or written; the message names it and the key to move it
     */
    public static TestbedLock take(Path file, Holder holder) throws HeldException, IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            try {
                // As Octoprobe: every user's run must be able to lock it.
                Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
            } catch (UnsupportedOperationException | IOException e) {
                // Not POSIX, or not ours to change: the lock works for this user anyway.
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by another run in this very JVM.
            lock = null;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        try {
            Optional<Holder> written = Holder.parse(read(channel));
            if (lock == null) {
                channel.close();
                throw new HeldException("the testbed is in use: its lock " + file + " is held by "
                        + written.map(Holder::describe).orElse("another process (the file does not say which)")
                        + ". Wait for that run to end or stop it" + written.map(w -> " (kill " + w.pid() + ")").orElse("")
                        + "; a run on another testbed sets micropython.testbed.lock to its own lock file", written);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(holder.format().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new TestbedLock(file, channel, lock, holder, written);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(channel.size(), 64 * 1024));
        channel.read(buffer, 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    public Path file() {
        return file;
    }

    public Holder holder() {
        return holder;
    }

    /** The run that left the file behind without the lock (killed), when there was one. */
    public Optional<Holder> tookOverFrom() {
        return tookOverFrom;
    }

    /** What taking it did, for the run's context: {@code took the testbed lock …}. */
    public String describe() {
        return "took the testbed lock " + file + tookOverFrom.map(left -> ", taking it over from " + left.describe()
                + ", which ended without releasing it").orElse("");
    }

    /** Empties the file and lets the lock go; never throws. */
    @Override
    public void close() {
        try {
            channel.truncate(0);
        } catch (IOException e) {
            // The lock goes with the channel anyway; the next run would take over a stale file.
        }
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel releases it too.
        }
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing left to do.
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown");
        }
    }
}
