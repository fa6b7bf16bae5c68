package dev.mpunit.reporting;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One kernel message about the testbed's USB as the engine published it
 * ({@code micropython.usb-health.messages}: {@code <severity>\t<time>\t<location>\t<message>} a line).
 *
 * @param time as the kernel log wrote it, or null
 * @param location the USB location ({@code 1-4.2.3}), or null for a host controller
 */
record UsbMessage(String severity, String time, String location, String message) {

    /** The entry's lines; a line of another shape (an engine of another version) is left out. */
    static List<UsbMessage> parse(String lines) {
        List<UsbMessage> messages = new ArrayList<>();
        for (String line : lines == null ? List.<String>of() : lines.lines().toList()) {
            String[] fields = line.split("\t", 4);
            if (fields.length == 4) {
                messages.add(new UsbMessage(fields[0], fields[1].isEmpty() ? null : fields[1],
                        fields[2].isEmpty() ? null : fields[2], fields[3]));
            }
        }
        return messages;
    }

    /** {@code {"severity", "time", "location", "message"}}, as context.json's {@code usb_health.messages} lists them. */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("severity", severity);
        json.put("time", time);
        json.put("location", location);
        json.put("message", message);
        return json;
    }

    static UsbMessage fromJson(Object json) {
        Map<?, ?> object = (Map<?, ?>) json;
        return new UsbMessage((String) object.get("severity"), (String) object.get("time"),
                (String) object.get("location"), (String) object.get("message"));
    }
}
