package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.provider.TargetRequest;
import dev.mpunit.engine.provider.TargetProvider;

import java.util.List;
import java.util.regex.Pattern;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.board.BoardTraits;
import dev.mpunit.hardware.board.DeviceBoards;
import dev.mpunit.hardware.serial.DeviceString;

/** A run-tests.py device string ({@code a0}, {@code port:/dev/ttyUSB0}, {@code execpty:…}): one board each. */
public final class DeviceProvider implements TargetProvider {

    private static final Pattern LOOKS_LIKE_A_PORT = Pattern.compile("port:.+|/.+|[auc]\\d+|COM\\d+|\\\\\\\\.+");

    @Override
    public List<String> words() {
        return List.of();
    }

    @Override
    public boolean takes(String entry) {
        // Throws, with the accepted forms, for an entry of a device string's form that cannot be read.
        DeviceString device = DeviceString.parse(entry);
        // A bare word is far more often a misspelt target than a serial port named like one.
        return !(device instanceof DeviceString.Port) || LOOKS_LIKE_A_PORT.matcher(entry).matches();
    }

    @Override
    public String forms() {
        return "a device string (" + DeviceString.FORMS + ")";
    }

    @Override
    public Instances instances() {
        return Instances.ONE;
    }

    @Override
    public boolean local() {
        return false;
    }

    @Override
    public Target open(TargetRequest request) throws TargetException {
        EngineConfiguration configuration = request.configuration();
        return request.board(DeviceBoards.of(DeviceString.parse(request.variant()), configuration.targets().serialBaudrate(),
                BoardTraits.serialPort()));
    }
}
