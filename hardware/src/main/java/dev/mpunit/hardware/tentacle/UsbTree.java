package dev.mpunit.hardware.tentacle;

import java.util.List;

/** The USB devices of a machine, read live ({@code libusb}) or from a recording. */
public interface UsbTree {

    /** What the devices come from, for messages: {@code libusb} or the recording's file name. */
    String source();

    /**
     * The devices now, root hubs included when the source has them.
     *
     * @throws TentacleException when the devices cannot be read; the message says why and what to do
     */
    List<UsbDevice> devices() throws TentacleException;
}
