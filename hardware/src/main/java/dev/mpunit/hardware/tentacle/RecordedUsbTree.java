package dev.mpunit.hardware.tentacle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A USB device tree read from text: tests use it, and a live tree written with {@link #format} can
 * be inspected and discovered on a machine without the hardware. One device per line:
 *
 * <pre>
 * # comment; blank lines are ignored
 * usb1    1d6b:0002 hub product="xHCI Host Controller"
 * 1-2     0424:2514 hub addr=5
 * 1-2.1   2e8a:0005 addr=6 serial=E46340474B4C2731 product="Board in FS mode"
 * 1-2.3   2e8a:000c addr=9 serial=4F21AFA5A9A3B7B1 product="Pico 2"
 * </pre>
 *
 * The location ({@code bus-port.port…}, {@code usbN} for a root hub) and the id come first; then, in
 * any order, {@code hub}, {@code addr=N}, {@code serial=S} and {@code product=P}; a value with spaces
 * is written in double quotes ({@code \"} and {@code \\} inside).
 */
public final class RecordedUsbTree implements UsbTree {

    private final String source;
    private final List<UsbDevice> devices;

    private RecordedUsbTree(String source, List<UsbDevice> devices) {
        this.source = source;
        this.devices = List.copyOf(devices);
    }

    /** The tree recorded in {@code file}. */
    public static RecordedUsbTree read(Path file) throws IOException, TentacleException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * The tree written in {@code text}.
     *
     * @param source names the recording in messages
     * @throws TentacleException naming the line that is not understood
     */
    public static RecordedUsbTree parse(String source, String text) throws TentacleException {
        Objects.requireNonNull(text, "text");
        List<UsbDevice> devices = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                devices.add(device(line));
            } catch (IllegalArgumentException e) {
                throw new TentacleException(source + " line " + (i + 1) + ": " + e.getMessage() + ": " + line);
            }
        }
        return new RecordedUsbTree(source, devices);
    }

    /** The text {@link #parse} reads back to {@code devices}. */
    public static String format(List<UsbDevice> devices) {
        StringBuilder text = new StringBuilder();
        for (UsbDevice device : devices) {
            text.append(device.location()).append(' ').append(device.usbId());
            if (device.hub()) {
                text.append(" hub");
            }
            if (device.address() > 0) {
                text.append(" addr=").append(device.address());
            }
            if (!device.serial().isEmpty()) {
                text.append(" serial=").append(quoted(device.serial()));
            }
            if (!device.product().isEmpty()) {
                text.append(" product=").append(quoted(device.product()));
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public List<UsbDevice> devices() {
        return devices;
    }

    private static UsbDevice device(String line) {
        List<String> words = words(line);
        if (words.size() < 2) {
            throw new IllegalArgumentException("expected a location and a vendor:product id");
        }
        UsbDevice.Location location = UsbDevice.parseLocation(words.get(0)).orElseThrow(
                () -> new IllegalArgumentException("not a USB location (1-2.3 or usb1): " + words.get(0)));
        String[] id = words.get(1).split(":", -1);
        if (id.length != 2) {
            throw new IllegalArgumentException("not a vendor:product id: " + words.get(1));
        }
        int vendor = hex(id[0]);
        int product = hex(id[1]);
        boolean hub = false;
        int address = 0;
        String serial = "";
        String productName = "";
        for (String word : words.subList(2, words.size())) {
            if (word.equals("hub")) {
                hub = true;
            } else if (word.startsWith("addr=")) {
                address = number(word.substring(5));
            } else if (word.startsWith("serial=")) {
                serial = word.substring(7);
            } else if (word.startsWith("product=")) {
                productName = word.substring(8);
            } else {
                throw new IllegalArgumentException("unknown field " + word
                        + " (known: hub, addr=N, serial=S, product=\"P\")");
            }
        }
        return new UsbDevice(location.bus(), location.path(), address, vendor, product, serial, productName, hub);
    }

    /** Splits at spaces; double quotes keep spaces, backslash escapes inside them. */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\\' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any) {
                    words.add(word.toString());
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed double quote");
        }
        if (any) {
            words.add(word.toString());
        }
        return words;
    }

    private static String quoted(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\\')) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static int hex(String text) {
        try {
            int value = Integer.parseInt(text, 16);
            if (value < 0 || value > 0xffff || text.length() != 4) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a 4-digit hex id: " + text);
        }
    }

    private static int number(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + text);
        }
    }
}
