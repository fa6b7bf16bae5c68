package dev.mpunit.server.api;

/**
 * What a testbed run's results folder adds to the examples' folder: {@code tentacles.json} (four
 * tentacles of a simulated testbed, in the order they were let go: one as found, one power-cycled back,
 * one flashed, one whose programmer failed)
 * and {@code context.json} with the USB health the engine saw. Written by hand in the shapes
 * docs/results-folder.md gives.
 */
public final class TestbedRun {

    public static final String PROGRAMMER_FAILED = "flashing MICROBIT onto tentacle 0003-MICROBIT failed (exit 2 after"
            + " 3 ms): cannot write flash: device busy. Check the tentacle's programmer entry in the inventory"
            + " (docs/inventory.md) and that the tool can write this board by hand; micropython.flash=skip runs the"
            + " board as it is";

    public static final String TENTACLES = """
            {"tentacles": [
              {"tentacle": "0004-MICROBIT", "actions": [
                {"time": "2026-12-06T16:13:08.612Z", "action": "lock", "detail": "took the testbed lock /tmp/sim/testbed.lock"},
                {"time": "2026-12-06T16:13:08.740Z", "action": "firmware check", "detail": "matches MICROBIT: already installed"},
                {"time": "2026-12-06T16:13:10.900Z", "action": "release", "detail": "the worker let the tentacle go"}]},
              {"tentacle": "0001-MICROBIT", "actions": [
                {"time": "2026-12-06T16:13:08.612Z", "action": "lock", "detail": "took the testbed lock /tmp/sim/testbed.lock"},
                {"time": "2026-12-06T16:13:08.640Z", "action": "power on", "detail": "port 3 of hub 1-1"},
                {"time": "2026-12-06T16:13:08.740Z", "action": "firmware check", "detail": "matches MICROBIT: already installed"},
                {"time": "2026-12-06T16:13:08.741Z", "action": "tests", "detail": "MICROBIT"},
                {"time": "2026-12-06T16:13:09.100Z", "action": "power cycle", "detail": "port 3 of hub 1-1: off, to recover the board (the recovery ladder's hard reset)"},
                {"time": "2026-12-06T16:13:09.400Z", "action": "power on", "detail": "port 3 of hub 1-1"},
                {"time": "2026-12-06T16:13:11.000Z", "action": "release", "detail": "the worker let the tentacle go"}]},
              {"tentacle": "0002-MICROBIT", "actions": [
                {"time": "2026-12-06T16:13:08.612Z", "action": "lock", "detail": "took the testbed lock /tmp/sim/testbed.lock"},
                {"time": "2026-12-06T16:13:08.736Z", "action": "firmware check", "detail": "differs from MICROBIT: version v1.9.2 installed, v1.9.3 wanted"},
                {"time": "2026-12-06T16:13:09.323Z", "action": "flash", "detail": "MICROBIT from /tmp/sim/firmware/MICROBIT.hex (version v1.9.2 installed, v1.9.3 wanted); command took 4 ms"},
                {"time": "2026-12-06T16:13:09.746Z", "action": "firmware check", "detail": "matches MICROBIT after flashing: already installed"},
                {"time": "2026-12-06T16:13:11.000Z", "action": "release", "detail": "the worker let the tentacle go"}]},
              {"tentacle": "0003-MICROBIT", "actions": [
                {"time": "2026-12-06T16:13:08.612Z", "action": "lock", "detail": "took the testbed lock /tmp/sim/testbed.lock"},
                {"time": "2026-12-06T16:13:09.310Z", "action": "failed", "detail": "%s"},
                {"time": "2026-12-06T16:13:09.311Z", "action": "release", "detail": "the worker let the tentacle go"}]}]}
            """.formatted(PROGRAMMER_FAILED);

    public static final String USB_REASON = "the kernel reports the testbed's USB unreliable: usb 1-4-port2: cannot"
            + " reset port 2 (err = -71); remedy: turn USB autosuspend off (docs/testbed-host.md)";

    /** The examples' context.json with a testbed and its USB health. */
    public static final String CONTEXT = """
            {"testbed": "bed-a", "testbed_instance": "lab-1", "time_start": "2026-12-06 17:13:08",
             "time_end": "2026-12-06 17:13:11", "ref_firmware": null, "ref_tests": null, "trigger": "nightly",
             "commandline": "./mpunit --testbed lab.json", "error": null, "unfinished": false,
             "usb_health": {"state": "critical", "reason": "%s", "messages": [
               {"severity": "warning", "time": "8813.462881", "location": "1-4.2.3", "message": "usb 1-4.2.3: device descriptor read/64, error -71"},
               {"severity": "critical", "time": "8821.100002", "location": null, "message": "xhci_hcd 0000:00:14.0: HC died; cleaning up"}]}}
            """.formatted(USB_REASON);

    private TestbedRun() {
    }
}
