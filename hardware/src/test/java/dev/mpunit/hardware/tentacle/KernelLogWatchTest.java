package dev.mpunit.hardware.tentacle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on a script that plays a recorded kernel log, as the kernel's own log command would print it. */
class KernelLogWatchTest {

    @TempDir
    Path folder;

    private final BlockingQueue<KernelUsbMessage> heard = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();

    /** A script printing the fixture's lines, then doing {@code then} (a shell command). */
    private KernelLogWatch.Source.Command playing(String fixture, String then) throws IOException {
        Path log = folder.resolve(fixture);
        Files.write(log, Fixtures.lines(fixture));
        return new KernelLogWatch.Source.Command(List.of("sh", "-c", "cat '" + log + "'; " + then));
    }

    private List<String> take(int count) throws InterruptedException {
        List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KernelUsbMessage message = heard.poll(20, TimeUnit.SECONDS);
            assertThat(message).as("message %d of %d", i + 1, count).isNotNull();
            messages.add(message.severity().word() + " " + message.message());
        }
        return messages;
    }

    @Test
    void tellsEachUsbMessageAsItComesAndWhenTheCommandEnds() throws Exception {
        try (KernelLogWatch watch = KernelLogWatch.start(playing("kernel-journal.log", "exit 3"), heard::add, ended::add)) {
            assertThat(take(7)).containsExactly(
                    "warning usb 1-4.2.3: device descriptor read/64, error -71",
                    "warning usb 1-4.2.3: device not accepting address 18, error -71",
                    "critical usb 1-4.2-port3: unable to enumerate USB device",
                    "warning usb 3-1.1.4-port1: attempt power cycle",
                    "warning usb 4-1.2.4: Device not responding to setup address.",
                    "critical usb 1-1.4.4.3: Not enough bandwidth for new device state.",
                    "warning usb 4-1.4: device not accepting address 10, error -71");
            String end = ended.poll(20, TimeUnit.SECONDS);
            assertThat(end).startsWith("the kernel log command (sh -c cat ")
                    .contains("ended (exit 3): ")
                    .endsWith("MESSAGE=usb 4-1.4: device not accepting address 10, error -71;"
                            + " USB errors after this are not seen");
        }
        assertThat(heard).isEmpty();
    }

    @Test
    void closingStopsTheCommandWithoutCallingItEnded() throws Exception {
        KernelLogWatch watch = KernelLogWatch.start(playing("kernel-dmesg.log", "exec sleep 600"), heard::add, ended::add);
        assertThat(take(11)).hasSize(11);

        watch.close();

        assertThat(ended).isEmpty();
        assertThat(heard).isEmpty();
    }

    @Test
    void thisMachinesLogIsReadOrWhyNotIsSaid() {
        KernelLogWatch.Source source = KernelLogWatch.ofThisMachine();

        System.out.println("this machine's kernel log: " + source);
        if (source instanceof KernelLogWatch.Source.Command command) {
            assertThat(List.of(KernelLogWatch.JOURNAL, KernelLogWatch.DMESG)).contains(command.command());
        } else {
            assertThat(((KernelLogWatch.Source.Unreadable) source).why()).contains("journalctl -k", "dmesg",
                    KernelLogWatch.RIGHTS_HINT);
        }
    }
}
