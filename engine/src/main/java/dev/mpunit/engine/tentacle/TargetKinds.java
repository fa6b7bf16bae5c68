package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.ConfigurationKeys;
import dev.mpunit.engine.configuration.EngineConfiguration;
import dev.mpunit.engine.provider.TargetProvider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mpunit.hardware.NearestName;

/**
 * The kinds of target one discovery or execution knows: the {@link TargetProvider}s found through
 * {@link ServiceLoader}, each made afresh, so what a provider keeps lasts one run. Reads the entries
 * of {@code micropython.target} and the emulator kinds of a testbed inventory into the provider
 * that takes them.
 */
public final class TargetKinds {

    public static final int MAX_BOARDS = 64;
    private static final Pattern COUNTED = Pattern.compile("(.+?)\\s*\\*\\s*(\\d+)");

    private final List<TargetProvider> providers;

    TargetKinds(List<TargetProvider> providers) {
        // Providers of words first: the list of accepted kinds then reads "…, unix or a device string".
        List<TargetProvider> ordered = new ArrayList<>(providers);
        ordered.sort(Comparator.comparing(provider -> provider.words().isEmpty()));
        this.providers = List.copyOf(ordered);
        if (this.providers.isEmpty()) {
            throw new IllegalArgumentException("no kind of target was found: the engine's jar lists its own in"
                    + " META-INF/services/" + TargetProvider.class.getName() + "; put the whole jar on the class path");
        }
    }

    /** The providers on the class path (the thread's context class loader's, as the launcher set it). */
    public static TargetKinds found() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = TargetProvider.class.getClassLoader();
        }
        List<TargetProvider> found = new ArrayList<>();
        try {
            ServiceLoader.load(TargetProvider.class, loader).forEach(found::add);
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException("a kind of target on the class path cannot be loaded: " + e.getMessage()
                    + " (a provider must be a public class with a public no-argument constructor)", e);
        }
        return new TargetKinds(found);
    }

    List<TargetProvider> providers() {
        return providers;
    }

    /** The configuration keys the providers read of their own, beyond the engine's. */
    public List<String> keys() {
        return providers.stream().flatMap(provider -> provider.keys().stream()).toList();
    }

    /**
     * Reads one entry of {@code micropython.target}; a variant name from a unique id reads the same
     * way. An entry a provider takes whole is its own (an {@code exec:} command may hold a {@code *});
     * else a {@code *N} count is split off first.
     *
     * @throws IllegalArgumentException naming the entry, the nearest kind and the accepted forms
     */
    public TargetSpec parse(String text) {
        String entry = text.trim();
        List<IllegalArgumentException> refusals = new ArrayList<>();
        Optional<TargetProvider> whole = taking(entry, refusals);
        if (whole.isPresent()) {
            return spec(text, entry, whole.get(), 1, false);
        }
        Matcher counted = COUNTED.matcher(entry);
        if (counted.matches()) {
            String word = counted.group(1);
            int boards = counted.group(2).length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(counted.group(2));
            if (boards < 1 || boards > MAX_BOARDS) {
                throw new IllegalArgumentException(text + ": the number of boards after '*' must be 1 to " + MAX_BOARDS);
            }
            Optional<TargetProvider> provider = taking(word, refusals);
            if (provider.isPresent()) {
                return spec(text, word, provider.get(), boards, true);
            }
            entry = word;
        }
        String unknown = text + " is not a known target"
                + NearestName.among(entry, words()).map(near -> " (did you mean " + near + "?)").orElse("")
                + ": use " + accepted();
        if (!refusals.isEmpty()) {
            throw new IllegalArgumentException(unknown + ": " + refusals.get(0).getMessage(), refusals.get(0));
        }
        throw new IllegalArgumentException(unknown);
    }

    /**
     * The kinds a testbed inventory's emulator may be ({@code "emulator": "qemu-microbit"}): the words of
     * the providers whose instances are counted boards started by mpunit. The inventory reader refuses
     * others, with the rest of the inventory's problems.
     */
    public List<String> emulatorKinds() {
        return emulators().stream().flatMap(provider -> provider.words().stream()).toList();
    }

    /** The provider of an emulator kind the inventory reader accepted. */
    TargetProvider emulator(String kind) {
        return emulators().stream().filter(provider -> provider.words().contains(kind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown emulator kind \"" + kind + "\"; accepted: "
                        + String.join(", ", emulatorKinds())));
    }

    private List<TargetProvider> emulators() {
        return providers.stream().filter(provider -> provider.instances() == TargetProvider.Instances.COUNTED).toList();
    }

    private Optional<TargetProvider> taking(String entry, List<IllegalArgumentException> refusals) {
        List<TargetProvider> taking = new ArrayList<>();
        for (TargetProvider provider : providers) {
            try {
                if (provider.takes(entry)) {
                    taking.add(provider);
                }
            } catch (IllegalArgumentException e) {
                refusals.add(e);
            }
        }
        if (taking.size() > 1) {
            throw new IllegalArgumentException(entry + " is taken by " + taking.size() + " kinds of target ("
                    + String.join(", ", taking.stream().map(provider -> provider.getClass().getName()).toList())
                    + "): remove one of them from the class path");
        }
        return taking.stream().findFirst();
    }

    private TargetSpec spec(String text, String entry, TargetProvider provider, int boards, boolean hasCount) {
        return switch (provider.instances()) {
            case WORKERS -> {
                if (hasCount) {
                    throw new IllegalArgumentException(text + ": local targets take no '*N'; set "
                            + ConfigurationKeys.WORKERS + " for more instances");
                }
                yield new TargetSpec(entry, provider, 0);
            }
            case COUNTED -> new TargetSpec(entry, provider, boards);
            case ONE -> {
                if (hasCount) {
                    String example = emulators().stream().flatMap(emulator -> emulator.words().stream())
                            .findFirst().map(word -> " (" + word + "*3)").orElse("");
                    throw new IllegalArgumentException(text + ": a device is one board; '*N' is for emulators"
                            + example);
                }
                yield new TargetSpec(entry, provider, 1);
            }
        };
    }

    private List<String> words() {
        return providers.stream().flatMap(provider -> provider.words().stream()).toList();
    }

    /** "webassembly, unix, qemu-microbit[*N], webassembly-pty[*N] or a device string (…)". */
    String accepted() {
        List<String> forms = providers.stream().map(TargetProvider::forms).filter(form -> !form.isEmpty()).toList();
        if (forms.size() == 1) {
            return forms.get(0);
        }
        return String.join(", ", forms.subList(0, forms.size() - 1)) + " or " + forms.get(forms.size() - 1);
    }
}
