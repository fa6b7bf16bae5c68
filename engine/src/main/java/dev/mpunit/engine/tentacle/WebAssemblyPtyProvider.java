package dev.mpunit.engine.tentacle;

import dev.mpunit.engine.provider.TargetProvider;
import dev.mpunit.engine.provider.TargetRequest;

import java.util.List;

import dev.mpunit.hardware.Target;
import dev.mpunit.hardware.TargetException;
import dev.mpunit.hardware.emulated.WebAssemblyPty;

/** {@code webassembly-pty[*N]}: the npm MicroPython's REPL under a pty bridge, driven as a board. */
public final class WebAssemblyPtyProvider implements TargetProvider {

    @Override
    public List<String> words() {
        return List.of("webassembly-pty");
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
    public void checkBeforeRun(TargetRequest request) throws TargetException {
        WebAssemblyProvider.unknownVersion(request);
    }

    @Override
    public Target open(TargetRequest request) throws TargetException {
        return request.board(WebAssemblyPty.open(request.webassembly(), request.configuration().run().cpython()));
    }
}
