package dev.mpunit.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import dev.mpunit.server.ingest.ParsedResult;
import dev.mpunit.server.ingest.Verdict;

/** How many results of a run, a test run or a group × variant ended with each verdict. */
public record Totals(int total, int pass, int fail, int skip, int ignored, int xfail) {

    public static final Totals NONE = new Totals(0, 0, 0, 0, 0, 0);

    /** Reads the {@code n_total ... n_xfail} columns (of runs or test_runs, or their sums). */
    static Totals read(ResultSet row) throws SQLException {
        return new Totals(row.getInt("n_total"), row.getInt("n_pass"), row.getInt("n_fail"), row.getInt("n_skip"),
                row.getInt("n_ignored"), row.getInt("n_xfail"));
    }

    /** Counts the results' verdicts. */
    static Totals count(List<ParsedResult> results) {
        int[] counts = new int[5];
        for (ParsedResult result : results) {
            counts[result.verdict().ordinal()]++;
        }
        return new Totals(results.size(), counts[Verdict.PASS.ordinal()], counts[Verdict.FAIL.ordinal()],
                counts[Verdict.SKIP.ordinal()], counts[Verdict.IGNORED.ordinal()], counts[Verdict.XFAIL.ordinal()]);
    }

    /** Binds the {@code n_total ... n_xfail} columns, the first at {@code first}: what {@link #read} reads back. */
    void bind(PreparedStatement statement, int first) throws SQLException {
        statement.setInt(first, total);
        statement.setInt(first + 1, pass);
        statement.setInt(first + 2, fail);
        statement.setInt(first + 3, skip);
        statement.setInt(first + 4, ignored);
        statement.setInt(first + 5, xfail);
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
