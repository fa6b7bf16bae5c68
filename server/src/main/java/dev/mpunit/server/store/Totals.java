package dev.mpunit.server.store;

import java.sql.ResultSet;
import java.sql.SQLException;

/** How many results of a run, a test run or a group × variant ended with each verdict. */
public record Totals(int total, int pass, int fail, int skip, int ignored, int xfail) {

    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);

    /** Reads the {@code n_total ... n_xfail} columns (of runs or test_runs, or their sums). */
    static Totals read(ResultSet row) throws SQLException {
        return new Totals(row.getInt("n_total"), row.getInt("n_pass"), row.getInt("n_fail"), row.getInt("n_skip"),
                row.getInt("n_ignored"), row.getInt("n_xfail"));
    }

    public Totals plus(Totals other) {
        return new Totals(total + other.total, pass + other.pass, fail + other.fail, skip + other.skip,
                ignored + other.ignored, xfail + other.xfail);
    }

    /** How many ended with this verdict word ({@code pass}, {@code fail}, ...). */
    public int of(String verdict) {
        return switch (verdict) {
            case "pass" -> pass;
            case "fail" -> fail;
            case "skip" -> skip;
            case "ignored" -> ignored;
            case "xfail" -> xfail;
            default -> throw new IllegalArgumentException(verdict);
        };
    }
}
