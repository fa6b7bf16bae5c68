package dev.mpunit.engine;

import java.time.Duration;

import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.local.UnixTarget;
import dev.mpunit.hardware.local.WebAssemblyInstallation;
import dev.mpunit.hardware.local.WebAssemblyTarget;

/** Target factories for the local variants, from the {@code micropython.*} configuration. */
final class LocalTargets {

    private LocalTargets() {
    }

    static TargetFactory factory(String variant, EngineConfiguration configuration) {
        return switch (variant) {
            case WebAssemblyTarget.VARIANT -> webassembly(configuration);
            case UnixTarget.VARIANT -> instance -> UnixTarget.open(new UnixTarget.Config(
                    configuration.unixMicropython().orElse(null), configuration.emit(),
                    configuration.unixMicropypath().orElse(null)));
            default -> instance -> {
                throw new TargetException("variant " + variant + " is not a local target: use one of "
                        + EngineConfiguration.KNOWN_TARGETS + " (boards and tentacles are not supported yet)");
            };
        };
    }

    /** One installation per run, shared by every instance; npm runs at most once, at the first test. */
    private static TargetFactory webassembly(EngineConfiguration configuration) {
        WebAssemblyInstallation.Config config = new WebAssemblyInstallation.Config(
                configuration.webassemblyVersion(),
                configuration.cacheDirectory().resolve("webassembly").resolve(configuration.webassemblyVersion()),
                configuration.node(), configuration.npm(), configuration.webassemblyMjs().orElse(null),
                Duration.ofMinutes(5));
        return new TargetFactory() {
            private WebAssemblyInstallation installation;

            @Override
            public synchronized WebAssemblyTarget open(int instance) throws TargetException {
                if (installation == null) {
                    installation = WebAssemblyInstallation.obtain(config);
                }
                return new WebAssemblyTarget(installation);
            }
        };
    }
}
