/**
 * What mpunit runs MicroPython on: a {@link dev.mpunit.hardware.Target} (a webassembly instance, the
 * unix port, a board over its serial line, an emulated board) and the testbed around real boards
 * (the inventory, tentacles, hub port power, relays, programmers). The engine is its only user: a
 * target provider of one's own sees {@code dev.mpunit.hardware} (what a target is), everything else
 * is exported to the engine alone.
 */
module dev.mpunit.hardware {
    requires com.fazecast.jSerialComm;
    requires tools.jackson.databind;
    // usb4java names no module of its own: its jar's file name is its name.
    requires usb4java;

    exports dev.mpunit.hardware;
    exports dev.mpunit.hardware.board to dev.mpunit.engine;
    exports dev.mpunit.hardware.emulated to dev.mpunit.engine;
    exports dev.mpunit.hardware.local to dev.mpunit.engine;
    exports dev.mpunit.hardware.serial to dev.mpunit.engine;
    exports dev.mpunit.hardware.tentacle to dev.mpunit.engine;
    exports dev.mpunit.hardware.testbed to dev.mpunit.engine;
}
