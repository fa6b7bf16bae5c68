/**
 * Local MicroPython ports as {@link dev.mpunit.hardware.Target}s, run the way MicroPython's
 * {@code run-tests.py} runs them.
 *
 * <ul>
 *   <li>{@link dev.mpunit.hardware.local.WebAssemblyInstallation} finds or installs the webassembly
 *       port ({@code micropython.mjs}) and checks node;
 *       {@link dev.mpunit.hardware.local.WebAssemblyTarget} runs scripts on it, many per node
 *       process, with upstream's output byte for byte.
 *   <li>{@link dev.mpunit.hardware.local.UnixTarget} runs the unix port's {@code micropython}
 *       executable, a process per script.
 * </ul>
 *
 * The configuration keys named in messages and javadoc ({@code micropython.node},
 * {@code micropython.npm}, {@code micropython.webassembly.version},
 * {@code micropython.webassembly.cache}, {@code micropython.webassembly.mjs},
 * {@code micropython.unix.micropython}) are the engine's; this package only takes their values.
 */
package dev.mpunit.hardware.local;
