package dev.mpunit.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges runs that started longer ago than the retention age, except baselines, a batch of runs per
 * transaction (a year of nightly campaigns is millions of results: one transaction would hold them
 * all and lock the testbeds for minutes).
 */
public final class Retention {

    static final int BATCH_RUNS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Database database;
    private final Duration age;
    private final Clock clock;
    private volatile boolean stopping;

    public Retention(Database database, Duration age) {
        this(database, age, Clock.systemUTC());
    }

    Retention(Database database, Duration age, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.age = Objects.requireNonNull(age, "age");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (age.isNegative() || age.isZero()) {
            throw new IllegalArgumentException("a retention of " + age.toDays() + " days would purge every run: give 1 or more");
        }
    }

    /** The runs that started before this are purged. */
    public OffsetDateTime cutoff() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).minus(age);
    }

    /** Purges now; returns how many runs went. */
    public int purge() throws SQLException {
        OffsetDateTime cutoff = cutoff();
        RunWriter writer = new RunWriter(database, clock);
        int purged = 0;
        while (!stopping) {
            List<Long> batch = oldest(cutoff);
            if (batch.isEmpty()) {
                return purged;
            }
            purged += writer.deleteRuns(batch);
        }
        return purged;
    }

    /**
     * Purges now and then once a day until closed. A purge that fails (the database away) is logged
     * and tried again the next day; closing lets the batch under way finish.
     */
    public Daily startDaily() {
        ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mpunit-retention");
            thread.setDaemon(true);
            return thread;
        });
        daily.scheduleAtFixedRate(() -> {
            try {
                int purged = purge();
                LOG.info("retention: {} runs started before {} purged (baselines kept)", purged, cutoff());
            } catch (SQLException | RuntimeException e) {
                LOG.warn("retention: purging failed, trying again tomorrow: {}", e.getMessage());
            }
        }, 0, 1, TimeUnit.DAYS);
        return () -> {
            stopping = true;
            daily.shutdown();
            try {
                daily.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    /** The daily purge running; closing stops it. */
    public interface Daily extends AutoCloseable {
        @Override
        void close();
    }

    private List<Long> oldest(OffsetDateTime cutoff) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Connection connection = database.connection();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM runs WHERE time_start < ? "
                        + "AND baseline = FALSE ORDER BY time_start, id LIMIT " + BATCH_RUNS)) {
            select.setObject(1, cutoff);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        return ids;
    }
}
