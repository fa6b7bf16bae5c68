package dev.mpunit.engine.execution;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.hardware.Interactive;

/**
 * One run-multitests.py test file: how many instances it needs and the script each of them runs.
 *
 * @param source the file's bytes, run as they are
 * @param instances one more than the highest N of a {@code def instance<N>():} line (0 without any)
 * @param usesNetworkIp whether the file mentions {@code get_network_ip}: then its instances get
 *     {@code HOST_IP}, the address of this machine, as run-multitests.py injects it
 */
record Multitest(Path file, byte[] source, int instances, boolean usesNetworkIp) {

    /** run-multitests.py matches at the start of every line, nothing before {@code def}. */
    private static final Pattern INSTANCE = Pattern.compile("^def instance([0-9]+)\\(\\):", Pattern.MULTILINE);

    /** What a process instance runs first: the test's own directory must not shadow modules. */
    private static final String PROCESS_PREFIX = "import sys\nsys.path.remove('')\n\n";

    /**
     * The helper every instance gets after the test, in our words but on run-multitests.py's
     * lines: a traceback through it (a {@code wait} whose input fails) and the call of the
     * instance function then name the same line numbers as upstream's runs, and its {@code .exp}
     * files, do. Each method prints one line the runner reads: NEXT, SKIP, BROADCAST, SET,
     * WAIT_FOR_REBOOT, OUTPUT_METRIC.
     */
    static final String HELPER = """

            import sys
            class multitest:
                @staticmethod
                def flush():
                    # Not every port's stdout has flush().
                    try: sys.stdout.flush()
                    except AttributeError: pass
                @staticmethod
                def skip():
                    print("SKIP")
                    multitest.flush()
                    raise SystemExit
                @staticmethod
                def next():
                    print("NEXT")
                    multitest.flush()
                @staticmethod
                def broadcast(msg):
                    print("BROADCAST", msg)
                    multitest.flush()
                @staticmethod
                def wait(msg):
                    # The runner copies the other instances' broadcasts to our input; skip the rest.
                    expected = "BROADCAST " + msg
                    while True:
                        if sys.stdin.readline().rstrip() == expected:
                            return
                @staticmethod
                def globals(**values):
                    # Instances started after this one see these names defined.
                    for name in values:
                        print("SET {} = {!r}".format(name, values[name]))
                    multitest.flush()
                @staticmethod
                def get_network_ip():
                    try:
                        return nic.ifconfig()[0]
                    except:
                        pass
                    try:
                        import network
                        interface = network.WLAN() if hasattr(network, "WLAN") else network.LAN()
                        return interface.ifconfig()[0]
                    except:
                        # No network module (unix, CPython): this machine's address, from the runner.
                        return HOST_IP
                @staticmethod
                def expect_reboot(resume, delay_ms=0):
                    print("WAIT_FOR_REBOOT", resume, delay_ms)
                @staticmethod
                def output_metric(data):
                    print("OUTPUT_METRIC", data)

            """;

    static Multitest read(Path file) throws IOException {
        byte[] source = Files.readAllBytes(file);
        return new Multitest(file, source, instanceCount(source), contains(source, "get_network_ip"));
    }

    /**
     * This machine's address as run-multitests.py finds it for {@code HOST_IP}: the local end of a
     * UDP socket "connected" to 8.8.8.8 (no packet is sent), or 127.0.0.1 without a route.
     */
    static String hostAddress() {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket()) {
            socket.connect(new java.net.InetSocketAddress("8.8.8.8", 80));
            java.net.InetAddress local = socket.getLocalAddress();
            return local == null || local.isAnyLocalAddress() ? "127.0.0.1" : local.getHostAddress();
        } catch (java.io.IOException | RuntimeException e) {
            return "127.0.0.1";
        }
    }

    /** One more than the highest N of a {@code def instance<N>():} at the start of a line. */
    static int instanceCount(byte[] source) {
        Matcher matcher = INSTANCE.matcher(new String(source, StandardCharsets.UTF_8));
        int count = 0;
        while (matcher.find()) {
            String digits = matcher.group(1);
            // A number too long for an int names no instance anyone could start.
            if (digits.length() < 9) {
                count = Math.max(count, Integer.parseInt(digits) + 1);
            }
        }
        return count;
    }

    /** The globals every instance starts with: {@code HOST_IP} when the test asks for the network address. */
    String initialGlobals(String hostIp) {
        return usesNetworkIp ? "HOST_IP = '" + hostIp + "'\n" : "";
    }

    /**
     * The script an instance runs: (for a process, the line that keeps the test's directory off
     * {@code sys.path}), the test, the helper, the globals set so far, and the call.
     *
     * @param globals lines {@code name = repr}, each ending in a newline
     * @param function {@code instance0}, or the resume function after a reboot
     */
    byte[] script(Interactive.Kind kind, String globals, String function) {
        ByteArrayOutputStream script = new ByteArrayOutputStream();
        if (kind == Interactive.Kind.PROCESS) {
            script.writeBytes(PROCESS_PREFIX.getBytes(StandardCharsets.US_ASCII));
        }
        script.writeBytes(source);
        script.write('\n');
        script.writeBytes((HELPER + globals + "\n\n" + function + "()\nmultitest.flush()\n").getBytes(StandardCharsets.UTF_8));
        return script.toByteArray();
    }

    private static boolean contains(byte[] bytes, String text) {
        byte[] needle = text.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
