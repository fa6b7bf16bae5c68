package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.provider.TargetProvider;
import dev.mpunit.engine.provider.TargetRequest;

import java.util.List;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.local.WebAssemblyInstallation;
import dev.mpunit.hardware.local.WebAssemblyTarget;

/** {@code webassembly}: the npm MicroPython in a long-lived node host, {@code micropython.workers} of them. */
public final class WebAssemblyProvider implements TargetProvider {

    @Override
    public List<String> words() {
        return List.of(TargetSpec.WEBASSEMBLY);
    }

    @Override
    public Instances instances() {
        return Instances.WORKERS;
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public void checkBeforeRun(TargetRequest request) throws TargetException {
        unknownVersion(request);
    }

    @Override
    public Target open(TargetRequest request) throws TargetException {
        return new WebAssemblyTarget(request.webassembly());
    }

    /**
     * A {@code micropython.webassembly.version} that npm does not have is the whole run's error; other
     * installation problems are the variant's, reported with its files.
     */
    static void unknownVersion(TargetRequest request) throws TargetException {
        if (request.configuration().targets().webassemblyMjs().isPresent()) {
            return;
        }
        try {
            request.webassembly();
        } catch (WebAssemblyInstallation.UnknownVersionException e) {
            throw e;
        } catch (TargetException e) {
            // Reported with the variant's files, as before.
        }
    }
}
