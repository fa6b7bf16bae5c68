package dev.mpunit.hardware.local;

import dev.mpunit.hardware.TargetException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The MicroPython webassembly port on this machine: a {@code micropython.mjs} (with its
 * {@code micropython.wasm} beside it) and the node that runs it.
 *
 * <p>By default the npm package {@value #PACKAGE} is installed with npm into a cache directory on
 * first use and reused afterwards. Installing is safe when several threads or JVMs start at once:
 * they take a file lock in the cache directory, the first installs into a temporary directory and
 * moves it into place in one step, the others find it there.
 *
 * <pre>{@code
 * WebAssemblyInstallation wasm = WebAssemblyInstallation.obtain(WebAssemblyInstallation.Config.defaults());
 * try (Target target = new WebAssemblyTarget(wasm)) { ... }
 * }</pre>
 */
public final class WebAssemblyInstallation {

    /** The npm package of MicroPython's webassembly port (the "pyscript" variant, as upstream CI uses). */
    public static final String PACKAGE = "@micropython/micropython-webassembly-pyscript";

    /** The package version used when none is configured: pinned, so that runs are repeatable. */
    public static final String DEFAULT_VERSION = "1.27.0";

    /** emscripten's output needs 16; 18 is the oldest node this project is tried with. */
    static final int MINIMUM_NODE_MAJOR = 18;

    /** Where the package lands inside a cache directory, once complete. */
    static final String INSTALLED = "npm";

    private static final String LOCK_FILE = "install.lock";
    private static final String TEMPORARY_PREFIX = ".installing-";
    private static final Duration NODE_CHECK_TIMEOUT = Duration.ofSeconds(30);
    private static final int OUTPUT_TAIL_LINES = 20;
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    /**
     * How to find or install MicroPython's webassembly port.
     *
     * @param version npm version of {@value #PACKAGE} ({@code micropython.webassembly.version})
     * @param cacheDirectory where that version is installed, or {@code null} for
     *     {@code ~/.cache/mpunit/webassembly/<version>} ({@code micropython.webassembly.cache})
     * @param node the node command ({@code micropython.node})
     * @param npm the npm command, only run when the package is not installed yet ({@code micropython.npm})
     * @param micropythonMjs a {@code micropython.mjs} to use as it is, for example one built from
     *     source; npm is not run at all then, and version and cache are ignored, or {@code null}
     *     ({@code micropython.webassembly.mjs})
     * @param installTimeout how long npm may take to install
     */
    public record Config(String version, Path cacheDirectory, String node, String npm, Path micropythonMjs,
            Duration installTimeout) {

        public Config {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(npm, "npm");
            Objects.requireNonNull(installTimeout, "installTimeout");
            if (version.isBlank() || version.contains("/") || version.contains("\\")) {
                throw new IllegalArgumentException("not an npm version: " + version);
            }
        }

        /** Version {@value #DEFAULT_VERSION} in the default cache, {@code node} and {@code npm} from PATH. */
        public static Config defaults() {
            return new Config(DEFAULT_VERSION, null, "node", "npm", null, Duration.ofMinutes(5));
        }

        public Config withVersion(String version) {
            return new Config(version, cacheDirectory, node, npm, micropythonMjs, installTimeout);
        }

        public Config withCacheDirectory(Path cacheDirectory) {
            return new Config(version, cacheDirectory, node, npm, micropythonMjs, installTimeout);
        }

        public Config withNode(String node) {
            return new Config(version, cacheDirectory, node, npm, micropythonMjs, installTimeout);
        }

        public Config withNpm(String npm) {
            return new Config(version, cacheDirectory, node, npm, micropythonMjs, installTimeout);
        }

        public Config withMicropythonMjs(Path micropythonMjs) {
            return new Config(version, cacheDirectory, node, npm, micropythonMjs, installTimeout);
        }

        public Config withInstallTimeout(Duration installTimeout) {
            return new Config(version, cacheDirectory, node, npm, micropythonMjs, installTimeout);
        }

        /** The cache directory: the configured one, else {@code ~/.cache/mpunit/webassembly/<version>}. */
        public Path effectiveCacheDirectory() {
            if (cacheDirectory != null) {
                return cacheDirectory;
            }
            return Path.of(System.getProperty("user.home"), ".cache", "mpunit", "webassembly", version);
        }
    }

    private final Path micropythonMjs;
    private final String version;
    private final String node;
    private final String nodeVersion;

    private WebAssemblyInstallation(Path micropythonMjs, String version, String node, String nodeVersion) {
        this.micropythonMjs = micropythonMjs;
        this.version = version;
        this.node = node;
        this.nodeVersion = nodeVersion;
    }

    /**
     * Checks node, then finds {@code micropython.mjs}: the configured one, an earlier installation
     * in the cache directory, or a new installation made with npm now.
     *
     * @throws TargetException when node is missing or too old, npm is missing, npm fails, or the
     *     configured {@code micropython.mjs} does not exist; the message says what to do
     */
    public static WebAssemblyInstallation obtain(Config config) throws TargetException {
        String nodeVersion = checkNode(config.node());
        if (config.micropythonMjs() != null) {
            Path mjs = config.micropythonMjs().toAbsolutePath().normalize();
            if (!Files.isRegularFile(mjs)) {
                throw new TargetException("micropython.mjs not found at " + mjs
                        + ": set micropython.webassembly.mjs to a built micropython.mjs"
                        + " (ports/webassembly/build-standard/micropython.mjs), or unset it to install "
                        + PACKAGE + " from npm");
            }
            return new WebAssemblyInstallation(mjs, packageVersion(mjs).orElse("unknown"), config.node(), nodeVersion);
        }
        Path cache = config.effectiveCacheDirectory().toAbsolutePath().normalize();
        Path mjs = installedMjs(cache);
        if (!isComplete(mjs)) {
            installLocked(config, cache);
        }
        return new WebAssemblyInstallation(mjs, packageVersion(mjs).orElse(config.version()), config.node(), nodeVersion);
    }

    /** The {@code micropython.mjs} to run, absolute; {@code micropython.wasm} lies beside it. */
    public Path micropythonMjs() {
        return micropythonMjs;
    }

    /** The package version as its {@code package.json} states it, or {@code unknown} for a build without one. */
    public String version() {
        return version;
    }

    /** The node command that runs it. */
    public String node() {
        return node;
    }

    /** What {@code node --version} answered, such as {@code v20.11.1}. */
    public String nodeVersion() {
        return nodeVersion;
    }

    @Override
    public String toString() {
        return "MicroPython webassembly " + version + " (" + micropythonMjs + ", node " + nodeVersion + ")";
    }

    // ---- node ----

    private static String checkNode(String node) throws TargetException {
        Processes.Finished finished;
        try {
            finished = Processes.run(List.of(node, "--version"), Path.of(System.getProperty("user.dir")), Map.of(),
                    NODE_CHECK_TIMEOUT);
        } catch (IOException e) {
            throw new TargetException("node not found: install Node.js " + MINIMUM_NODE_MAJOR
                    + "+ or set micropython.node (tried \"" + node + "\": " + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException("interrupted while checking node", e);
        }
        String answer = new String(finished.output(), StandardCharsets.UTF_8).trim();
        Matcher matcher = Pattern.compile("^v(\\d+)\\.\\d+").matcher(answer);
        if (finished.timedOut() || finished.exitCode() != 0 || !matcher.find()) {
            throw new TargetException("node does not work: \"" + node + " --version\" answered \"" + tail(answer)
                    + "\"; install Node.js " + MINIMUM_NODE_MAJOR + "+ or set micropython.node");
        }
        if (Integer.parseInt(matcher.group(1)) < MINIMUM_NODE_MAJOR) {
            throw new TargetException("node " + answer + " is too old: install Node.js " + MINIMUM_NODE_MAJOR
                    + "+ or set micropython.node");
        }
        return answer;
    }

    // ---- npm ----

    static Path installedMjs(Path cache) {
        return cache.resolve(INSTALLED).resolve("node_modules").resolve(PACKAGE).resolve("micropython.mjs");
    }

    /** The installed directory only appears by an atomic move, so its files being there means complete. */
    private static boolean isComplete(Path mjs) {
        return Files.isRegularFile(mjs) && Files.isRegularFile(mjs.resolveSibling("micropython.wasm"));
    }

    private static void installLocked(Config config, Path cache) throws TargetException {
        try {
            Files.createDirectories(cache);
        } catch (IOException e) {
            throw new TargetException("cannot create the webassembly cache directory " + cache + ": " + e.getMessage()
                    + "; set micropython.webassembly.cache to a writable directory", e);
        }
        Path lockFile = cache.resolve(LOCK_FILE);
        // The file lock keeps other JVMs out. Within this JVM a file lock cannot be taken twice,
        // and on POSIX closing any channel of the file drops the process's lock, so threads of
        // this JVM queue on the class monitor instead and only one channel is open at a time.
        // Installs are rare; serialising them all costs nothing.
        synchronized (WebAssemblyInstallation.class) {
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                // Someone may have installed while we waited for the lock.
                if (!isComplete(installedMjs(cache))) {
                    install(config, cache);
                }
            } catch (UnknownVersionException e) {
                // Nothing will ever be installed under this version: its folder goes (the lock is
                // released by now). Only when nothing else is in it, whoever else is here.
                try {
                    Files.deleteIfExists(lockFile);
                    Files.deleteIfExists(cache);
                } catch (IOException notEmpty) {
                    // Something else lives there: it stays.
                }
                throw e;
            } catch (IOException e) {
                throw new TargetException("cannot install " + PACKAGE + " into " + cache + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TargetException("interrupted while installing " + PACKAGE, e);
            }
        }
    }

    /** Runs npm into a fresh temporary directory and moves the result into place. Holds the lock. */
    private static void install(Config config, Path cache) throws TargetException, IOException, InterruptedException {
        deleteLeftovers(cache);
        Path temporary = Files.createTempDirectory(cache, TEMPORARY_PREFIX);
        try {
            String spec = PACKAGE + "@" + config.version();
            List<String> command = List.of(config.npm(), "install", "--no-save", "--no-package-lock", "--no-audit",
                    "--no-fund", "--ignore-scripts", "--prefix", temporary.toString(), spec);
            Processes.Finished finished;
            try {
                finished = Processes.run(command, temporary, Map.of(), config.installTimeout());
            } catch (IOException e) {
                throw new TargetException("npm not found (tried \"" + config.npm() + "\": " + e.getMessage()
                        + "); npm is needed once to install " + spec + ": install npm or set micropython.npm,"
                        + " or set micropython.webassembly.mjs to a built micropython.mjs instead", e);
            }
            String output = new String(finished.output(), StandardCharsets.UTF_8);
            Path installed = temporary.resolve("node_modules").resolve(PACKAGE);
            boolean complete = Files.isRegularFile(installed.resolve("micropython.mjs"))
                    && Files.isRegularFile(installed.resolve("micropython.wasm"));
            if (!finished.timedOut() && output.contains("ETARGET")) {
                // npm found the package but not this version: no registry problem, a wrong setting.
                throw new UnknownVersionException(config.version(), knownVersions(config, cache));
            }
            if (finished.timedOut() || finished.exitCode() != 0 || !complete) {
                String what = finished.timedOut() ? "timed out after " + config.installTimeout().toSeconds() + " s"
                        : finished.exitCode() != 0 ? "failed with exit code " + finished.exitCode()
                        : "left no micropython.mjs and micropython.wasm in " + installed;
                throw new TargetException("npm install " + spec + " " + what + ":\n" + tail(output)
                        + "\ncheck that the npm registry is reachable (npm config get registry; a proxy or"
                        + " registry is set in ~/.npmrc), or set micropython.webassembly.mjs to a built micropython.mjs");
            }
            moveIntoPlace(temporary, cache.resolve(INSTALLED));
        } finally {
            deleteTree(temporary);
        }
    }

    /** The versions the registry has, oldest first, as {@code npm view} lists them; empty when it cannot say. */
    private static List<String> knownVersions(Config config, Path cache) throws InterruptedException {
        try {
            Processes.Finished view = Processes.run(List.of(config.npm(), "view", PACKAGE, "versions", "--json"),
                    cache, Map.of(), VIEW_TIMEOUT);
            if (view.timedOut() || view.exitCode() != 0) {
                return List.of();
            }
            List<String> versions = new ArrayList<>();
            Matcher quoted = QUOTED.matcher(new String(view.output(), StandardCharsets.UTF_8));
            while (quoted.find()) {
                versions.add(quoted.group(1));
            }
            return versions;
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * {@code micropython.webassembly.version} names a version npm does not have: a setting to
     * correct, the same for every target of the run, so it is said once.
     */
    public static final class UnknownVersionException extends TargetException {

        private static final long serialVersionUID = 1L;

        UnknownVersionException(String version, List<String> known) {
            super(message(version, known));
        }

        private static String message(String version, List<String> known) {
            String wrong = "micropython.webassembly.version=" + version + ": " + PACKAGE + " has no version " + version
                    + " on the npm registry";
            if (known.isEmpty()) {
                return wrong + " (npm view " + PACKAGE + " versions lists those it has)";
            }
            List<String> releases = known.stream().filter(v -> !v.contains("-")).toList();
            int others = known.size() - releases.size();
            return wrong + "; its releases are " + String.join(", ", releases)
                    + (others == 0 ? "" : " (and " + others + " previews: npm view " + PACKAGE + " versions)")
                    + "; the default is " + DEFAULT_VERSION;
        }
    }

    private static void moveIntoPlace(Path from, Path to) throws IOException {
        // An incomplete directory at the target can only come from a copy someone tampered with;
        // the lock is held, so nobody is using it.
        deleteTree(to);
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
            throw new IOException("cannot move " + from + " to " + to + " in one step: " + e, e);
        }
    }

    /** Temporary directories of installs that died (JVM killed): nobody else installs while we hold the lock. */
    private static void deleteLeftovers(Path cache) throws IOException {
        try (Stream<Path> entries = Files.list(cache)) {
            for (Path entry : entries.filter(p -> p.getFileName().toString().startsWith(TEMPORARY_PREFIX)).toList()) {
                deleteTree(entry);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The {@code "version"} of the package.json beside a micropython.mjs, if there is one. */
    static Optional<String> packageVersion(Path mjs) {
        Path packageJson = mjs.resolveSibling("package.json");
        try {
            String text = Files.readString(packageJson, StandardCharsets.UTF_8);
            Matcher matcher = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(text);
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last lines of a tool's output: where npm says what went wrong. */
    static String tail(String output) {
        String[] lines = output.strip().split("\\R");
        int from = Math.max(0, lines.length - OUTPUT_TAIL_LINES);
        return String.join("\n", Arrays.asList(lines).subList(from, lines.length));
    }
}
