package dev.mpunit.hardware.tentacle;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.hardware.tentacle.KernelUsbMessage.Severity;

/**
 * Reads kernel log lines, from {@code dmesg} (plain or {@code -T}, {@code -x}) or the journal
 * ({@code journalctl -k} in its short formats, or {@code -o verbose}'s {@code MESSAGE=} lines), and picks out
 * those that make a testbed's USB unreliable. A device failing to enumerate once is a warning (a
 * board that reboots into its boot loader does it); a hub, a port or the host controller failing,
 * over-current, or a device the kernel gave up on is critical. Pure: no process, no clock.
 */
public final class KernelLog {

    /** A message this class knows, and how bad it is. */
    record Rule(Pattern text, Severity severity) {
        Rule(String regex, Severity severity) {
            this(Pattern.compile(regex, Pattern.CASE_INSENSITIVE), severity);
        }
    }

    /** Checked in order; the first that matches classifies the line. */
    static final List<Rule> RULES = List.of(
            // The kernel gave up on a device, a port or a hub.
            new Rule("unable to enumerate USB device", Severity.CRITICAL),
            new Rule("cannot reset port", Severity.CRITICAL),
            new Rule("Cannot enable\\. Maybe the USB cable is bad", Severity.CRITICAL),
            new Rule("disabled by hub \\(EMI\\?\\)", Severity.CRITICAL),
            new Rule("over-current", Severity.CRITICAL),
            new Rule("config failed", Severity.CRITICAL),
            new Rule("can't get hub status", Severity.CRITICAL),
            new Rule("hub_ext_port_status failed", Severity.CRITICAL),
            new Rule("Not enough bandwidth", Severity.CRITICAL),
            // The host controller itself.
            new Rule("host (controller )?not responding", Severity.CRITICAL),
            new Rule("HC died", Severity.CRITICAL),
            new Rule("Host halt failed", Severity.CRITICAL),
            new Rule("Abort failed to stop command ring", Severity.CRITICAL),
            // A device that did not come up this time; the kernel retries.
            new Rule("device descriptor read/\\S+, error", Severity.WARNING),
            new Rule("device not accepting address", Severity.WARNING),
            new Rule("Device not responding to setup address", Severity.WARNING),
            new Rule("can't set config", Severity.WARNING),
            new Rule("string descriptor 0 read error", Severity.WARNING),
            new Rule("attempt power cycle", Severity.WARNING),
            new Rule("reset (full|high|low|super)[- ]speed.* USB device number", Severity.WARNING));

    /**
     * The optional timestamp ({@code [ 1234.567890]}, {@code [Sun Dec  6 22:38:50 2026]}, the journal's
     * {@code Dec 06 22:38:50 host kernel:} or ISO time), then the device the kernel names and its message.
     */
    private static final Pattern BRACKETED_TIME = Pattern.compile("\\[\\s*([^\\]]+?)\\s*\\]");
    private static final Pattern DEVICE = Pattern.compile(
            "(?:^|[\\s:=])(usb|hub|xhci_hcd|ehci-pci|ehci_hcd|ohci-pci|ohci_hcd|uhci_hcd|dwc2|dwc_otg) ("
                    + "\\d+-[\\d.]+(?:-port\\d+|:\\d+\\.\\d+)?|usb\\d+(?:-port\\d+)?"
                    + "|\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.\\d):\\s+(.*)$");
    private static final Pattern JOURNAL_TIME = Pattern.compile(
            "^(\\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2}|\\d{4}-\\d{2}-\\d{2}T[\\d:.,+\\-]+)\\s");
    /** {@code 1-4.2}, {@code 1-4.2:1.0}, {@code 1-4.2-port3}. */
    private static final Pattern LOCATION = Pattern.compile("^(\\d+-\\d+(?:\\.\\d+)*)(?:-port(\\d+)|:\\d+\\.\\d+)?$");
    /** A root hub's port: {@code usb1-port3} is {@code 1-3}. */
    private static final Pattern ROOT_PORT = Pattern.compile("^usb(\\d+)-port(\\d+)$");

    private KernelLog() {
    }

    /** The line's USB trouble, or empty for any other line (most lines). */
    public static Optional<KernelUsbMessage> classify(String line) {
        Matcher device = DEVICE.matcher(line);
        if (!device.find()) {
            return Optional.empty();
        }
        String text = device.group(3).strip();
        for (Rule rule : RULES) {
            if (rule.text().matcher(text).find()) {
                return Optional.of(new KernelUsbMessage(rule.severity(), time(line.substring(0, device.start())),
                        device.group(1) + " " + device.group(2), location(device.group(2)), text, line.strip()));
            }
        }
        return Optional.empty();
    }

    private static String time(String prefix) {
        Matcher bracketed = BRACKETED_TIME.matcher(prefix);
        if (bracketed.find()) {
            return bracketed.group(1);
        }
        Matcher journal = JOURNAL_TIME.matcher(prefix.strip());
        return journal.find() ? journal.group(1) : "";
    }

    /** The USB location a device name is about: a hub's port is the location of what is plugged into it. */
    static String location(String name) {
        Matcher root = ROOT_PORT.matcher(name);
        if (root.matches()) {
            return root.group(1) + "-" + root.group(2);
        }
        Matcher matcher = LOCATION.matcher(name);
        if (!matcher.matches()) {
            return "";
        }
        return matcher.group(2) == null ? matcher.group(1) : matcher.group(1) + "." + matcher.group(2);
    }
}
