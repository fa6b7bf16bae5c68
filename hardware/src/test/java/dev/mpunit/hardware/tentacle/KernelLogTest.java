package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.mpunit.hardware.tentacle.KernelUsbMessage.Severity;

class KernelLogTest {

    private static List<String> classified(String fixture) {
        return Fixtures.lines(fixture).stream().map(KernelLog::classify).flatMap(Optional::stream)
                .map(m -> m.severity().word() + " [" + m.time() + "] " + m.location() + " | " + m.message())
                .toList();
    }

    @Test
    void dmesgLinesAreClassifiedAndTheRestLeftOut() {
        assertThat(classified("kernel-dmesg.log")).containsExactly(
                "warning [8813.462881] 1-4.2.3 | usb 1-4.2.3: device descriptor read/64, error -71",
                "warning [8813.698012] 1-4.2.3 | usb 1-4.2.3: device not accepting address 18, error -71",
                "critical [8814.001245] 1-4.2.3 | usb 1-4.2-port3: unable to enumerate USB device",
                "critical [8820.912345] 1-4 | usb usb1-port4: over-current condition",
                "critical [8821.000001] 1-4.2 | usb 1-4-port2: disabled by hub (EMI?), re-enabling...",
                "critical [8821.100002] 1-4.2 | usb 1-4-port2: cannot reset port 2 (err = -71)",
                "critical [8821.200003] 1-4.2 | usb 1-4-port2: Cannot enable. Maybe the USB cable is bad?",
                "critical [8822.300004] 1-4.2 | hub 1-4.2:1.0: config failed, can't get hub status (err -5)",
                "critical [8823.400005]  | xhci_hcd 0000:00:14.0: xHCI host not responding to stop endpoint command",
                "warning [8824.500006] 1-4.3.3 | usb 1-4.3.3: reset full-speed USB device number 22 using xhci_hcd",
                "warning [8825.600007] 1-4.3.3 | usb 1-4.3.3: can't set config #1, error -32");
    }

    @Test
    void journalLinesInTheirShortFormatsAndVerboseMessagesAreClassified() {
        assertThat(classified("kernel-journal.log")).containsExactly(
                "warning [8813.462881] 1-4.2.3 | usb 1-4.2.3: device descriptor read/64, error -71",
                "warning [8813.698012] 1-4.2.3 | usb 1-4.2.3: device not accepting address 18, error -71",
                "critical [8814.001245] 1-4.2.3 | usb 1-4.2-port3: unable to enumerate USB device",
                "warning [Dec 06 22:38:50] 3-1.1.4.1 | usb 3-1.1.4-port1: attempt power cycle",
                "warning [Dec 06 22:38:51] 4-1.2.4 | usb 4-1.2.4: Device not responding to setup address.",
                "critical [2026-12-06T22:38:52+0100] 1-1.4.4.3 | usb 1-1.4.4.3: Not enough bandwidth for new device state.",
                "warning [] 4-1.4 | usb 4-1.4: device not accepting address 10, error -71");
    }

    @Test
    void theWholeLineIsKept() {
        KernelUsbMessage message = KernelLog.classify("[ 8820.912345] usb usb1-port4: over-current condition").orElseThrow();

        assertThat(message.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(message.device()).isEqualTo("usb usb1-port4");
        assertThat(message.line()).isEqualTo("[ 8820.912345] usb usb1-port4: over-current condition");
    }

    @Test
    void ordinaryUsbLinesAndOtherKernelLinesAreNotTrouble() {
        assertThat(KernelLog.classify("[ 1.0] usb 1-4.2.3: USB disconnect, device number 17")).isEmpty();
        assertThat(KernelLog.classify("[ 1.0] usb 1-4.1: new full-speed USB device number 19 using xhci_hcd")).isEmpty();
        assertThat(KernelLog.classify("[ 1.0] EXT4-fs (sda1): over-current of nothing")).isEmpty();
        assertThat(KernelLog.classify("")).isEmpty();
    }
}
