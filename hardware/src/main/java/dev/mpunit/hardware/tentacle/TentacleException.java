package dev.mpunit.hardware.tentacle;

import dev.mpunit.hardware.TargetException;

/**
 * A tentacle cannot be found, powered, switched or flashed. The message names the tentacle or USB
 * location and says what to do about it (udev rule, group, container device, which tool to install).
 */
public class TentacleException extends TargetException {

    public TentacleException(String message) {
        super(message);
    }

    public TentacleException(String message, Throwable cause) {
        super(message, cause);
    }
}
