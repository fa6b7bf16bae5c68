package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.provider.TargetProvider;
import dev.mpunit.engine.provider.TargetRequest;

import java.util.List;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.emulated.QemuMicrobit;

/**
 * {@code qemu-microbit[*N]}: emulated micro:bits under QEMU, each a board on a pty. The firmware is
 * the request's (a testbed entry's, a variant's build), else {@code micropython.qemu-microbit.firmware},
 * else Debian's.
 */
public final class QemuMicrobitProvider implements TargetProvider {

    @Override
    public List<String> words() {
        return List.of("qemu-microbit");
    }

    @Override
    public Instances instances() {
        return Instances.COUNTED;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public Target open(TargetRequest request) throws TargetException {
        EngineConfiguration configuration = request.configuration();
        QemuMicrobit.Config config = QemuMicrobit.Config.defaults();
        if (configuration.targets().qemu().isPresent()) {
            config = config.withQemu(configuration.targets().qemu().get().toString());
        }
        if (request.firmware().isPresent()) {
            config = config.withFirmware(request.firmware().get());
        } else if (configuration.targets().qemuMicrobitFirmware().isPresent()) {
            config = config.withFirmware(configuration.targets().qemuMicrobitFirmware().get());
        }
        return request.board(QemuMicrobit.open(config));
    }
}
