package dev.mpunit.server.store;

import java.sql.SQLException;
import java.util.Set;

/** The SQL states of a transaction that lost a race to another and is worth running again. */
final class Conflicts {

    /** Both H2 and PostgreSQL say this when a unique constraint refuses a row. */
    static final String UNIQUE_VIOLATION = "23505";

    private static final Set<String> RETRYABLE = Set.of(
            UNIQUE_VIOLATION, // the same run, test name or file stored by another push at the same moment
            "23503", // a file's blob purged while this run referenced it
            "40001", // serialization failure (PostgreSQL), deadlock (H2)
            "40P01", // deadlock (PostgreSQL)
            "90131", // concurrent update of a row (H2)
            "HYT00"); // lock wait timed out (H2)

    static final int ATTEMPTS = 5;

    private Conflicts() {
    }

    static boolean retryable(SQLException e) {
        for (SQLException link = e; link != null; link = link.getNextException()) {
            if (link.getSQLState() != null && RETRYABLE.contains(link.getSQLState())) {
                return true;
            }
            if (link.getCause() instanceof SQLException cause && cause != link
                    && cause.getSQLState() != null && RETRYABLE.contains(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
