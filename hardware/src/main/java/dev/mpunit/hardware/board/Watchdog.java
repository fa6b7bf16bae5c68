package dev.mpunit.hardware.board;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.mpunit.hardware.serial.SerialLink;

/**
 * Closes a link that is still busy long after its step should have ended. Reads have timeouts,
 * but a write to a board that stopped reading blocks for good on Linux (jSerialComm has no write
 * timeout there, a full pipe neither); closing the link from here unblocks it with an error the
 * recovery ladder understands.
 */
final class Watchdog implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "mpunit-board-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    /** Armed until closed; fires {@code link.close()} after {@code limit}. */
    Armed arm(SerialLink link, Duration limit) {
        ScheduledFuture<?> firing = timer.schedule(link::close, limit.toMillis(), TimeUnit.MILLISECONDS);
        return () -> firing.cancel(false);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    @FunctionalInterface
    interface Armed extends AutoCloseable {
        @Override
        void close();
    }
}
