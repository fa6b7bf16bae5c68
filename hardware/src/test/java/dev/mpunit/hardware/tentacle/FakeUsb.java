package dev.mpunit.hardware.tentacle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A USB bus played from a recording: hub port power requests are recorded, and powering a port
 * off removes the device on it; powering it on brings it back after {@code pollsUntilBack} reads
 * of the tree (never when negative).
 */
final class FakeUsb implements UsbTree, ControlTransfers {

    record Sent(String hub, Request request) {}

    private final List<UsbDevice> devices;
    private final List<Sent> sent = new ArrayList<>();
    private final List<String> events;
    private final Map<String, UsbDevice> unpowered = new HashMap<>();
    private final Map<String, Integer> returning = new HashMap<>();
    int pollsUntilBack = 2;
    /** What libusb answers to a request: 0 success, else a {@code LIBUSB_ERROR_*} code (nothing is switched then). */
    int answer = 0;

    FakeUsb(RecordedUsbTree tree, List<String> events) {
        this.devices = new ArrayList<>(tree.devices());
        this.events = events;
    }

    @Override
    public String source() {
        return "fake";
    }

    @Override
    public List<UsbDevice> devices() {
        for (Map.Entry<String, Integer> entry : new HashMap<>(returning).entrySet()) {
            if (entry.getValue() == 0) {
                devices.add(unpowered.remove(entry.getKey()));
                returning.remove(entry.getKey());
            } else if (entry.getValue() > 0) {
                returning.put(entry.getKey(), entry.getValue() - 1);
            }
        }
        return List.copyOf(devices);
    }

    @Override
    public void send(UsbDevice hub, Request request) throws Refused {
        if (answer != 0) {
            throw new Refused(answer, "libusb answered " + answer + " for the hub at " + hub.location());
        }
        sent.add(new Sent(hub.location(), request));
        String port = UsbDevice.portLocation(hub.location(), request.index());
        boolean on = request.request() == HubPorts.SET_FEATURE;
        events.add("power " + port + (on ? " on" : " off"));
        if (on) {
            if (unpowered.containsKey(port)) {
                returning.put(port, pollsUntilBack);
            }
        } else {
            devices.stream().filter(d -> d.location().equals(port)).findFirst().ifPresent(d -> {
                devices.remove(d);
                unpowered.put(port, d);
            });
        }
    }

    List<Sent> sent() {
        return sent;
    }
}
