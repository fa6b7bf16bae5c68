package dev.mpunit.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.platform.engine.ConfigurationParameters;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.tentacle.DrivenTestbed;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.tentacle.SimulatedUsb;
import dev.mpunit.hardware.tentacle.UsbTree;
import dev.mpunit.hardware.testbed.Testbed;
import picocli.CommandLine.Option;

/**
 * The testbed operator's inputs, shared by the subcommands that look at tentacles: the inventory, and
 * whose USB they are on (this machine's, a simulated testbed's, or a recording's).
 */
final class TestbedOptions {

    static final String LIVE = "live";

    @Option(names = "--testbed", paramLabel = "<inventory.json>", description = "The testbed inventory (docs/inventory.md).")
    Path testbed;

    @Option(names = "--usb-tree", paramLabel = "<recording>",
            description = "Read the USB devices from a recording (docs/tentacles.md, Recorded USB trees) instead of this machine's.")
    Path usbTree;

    @Option(names = "--usb", paramLabel = "live|simulated:<folder>", defaultValue = LIVE,
            description = "Whose USB the tentacles are on (micropython.testbed.usb): this machine's (live, the default),"
                    + " or a simulated testbed's folder, for rehearsing one (docs/tentacles.md, A simulated testbed).")
    String usb;

    /** Whether the USB devices are this machine's (neither a recording nor a simulation): only then are its rights worth a word. */
    boolean live() {
        return usbTree == null && !simulated();
    }

    /**
     * Whether the tentacles are on a simulated testbed ({@code --usb simulated:<folder>}).
     *
     * @throws IllegalArgumentException a {@code --usb} that is neither, or one given with {@code --usb-tree}
     */
    boolean simulated() {
        String value = usb.strip();
        if (value.equals(LIVE)) {
            return false;
        }
        if (!value.startsWith(SimulatedUsb.SCHEME) || value.length() == SimulatedUsb.SCHEME.length()) {
            throw new IllegalArgumentException("--usb " + value + " is neither " + LIVE + " (this machine's USB) nor "
                    + SimulatedUsb.SCHEME + "<folder> (a simulated testbed, docs/tentacles.md)");
        }
        if (usbTree != null) {
            throw new IllegalArgumentException("--usb-tree reads a recording, --usb " + value + " a simulated testbed:"
                    + " give one of them");
        }
        return true;
    }

    /** Whether the tentacles can be driven (powered, flashed): not on a recording. */
    boolean drivable() {
        return usbTree == null;
    }

    /** @throws IllegalArgumentException the inventory's problems, in one line */
    Optional<Testbed> inventory() {
        return Inventories.load(testbed);
    }

    /** @throws IllegalArgumentException a recording that cannot be read */
    UsbTree tree() {
        return Inventories.usbTree(usbTree);
    }

    /**
     * The testbed as a run drives it, under its lock, through the USB {@code --usb} names: the engine's
     * keys {@code micropython.testbed} and {@code micropython.testbed.usb}, with {@code more} of them.
     *
     * @throws IllegalArgumentException a key the engine refuses, in its words
     * @throws TargetException the lock held by a run (naming it), or a simulation that cannot start
     */
    DrivenTestbed drive(Map<String, String> more) throws TargetException {
        Map<String, String> keys = new LinkedHashMap<>();
        if (testbed != null) {
            keys.put(ConfigurationKeys.TESTBED, testbed.toString());
        }
        keys.put(ConfigurationKeys.TESTBED_USB, usb.strip());
        keys.putAll(more);
        ConfigurationParameters parameters = new Keys(Map.copyOf(keys));
        return DrivenTestbed.open(EngineConfiguration.from(parameters), parameters);
    }

    /** The engine's keys given by the command's options: nothing else is configured. */
    private record Keys(Map<String, String> values) implements ConfigurationParameters {

        @Override
        public Optional<String> get(String key) {
            return Optional.ofNullable(values.get(key));
        }

        @Override
        public Optional<Boolean> getBoolean(String key) {
            return get(key).map(Boolean::parseBoolean);
        }

        @Override
        public Set<String> keySet() {
            return values.keySet();
        }
    }
}
