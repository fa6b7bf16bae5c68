package dev.mpunit.server.api;

import java.net.URI;
import java.util.Locale;

import dev.mpunit.contract.CommentBody;
import dev.mpunit.contract.MarkdownText;
import dev.mpunit.server.store.CampaignQueries;
import dev.mpunit.server.store.ResultQueries;
import dev.mpunit.server.store.RunQueries;
import dev.mpunit.server.store.Totals;

/**
 * A campaign as the pull request's one comment says it: per testbed its counts and run, then the
 * failures matrix across every testbed's boards, every link absolute on the server the reader reaches
 * (a comment lives on github.com). Cut to GitHub's limit by {@link CommentBody}, as a run's summary is:
 * the header and the testbeds' table always stay, the matrix loses its last rows first.
 */
final class CampaignMarkdown {

    private CampaignMarkdown() {
    }

    /**
     * @param base the server's address as the comment's readers reach it, ending with {@code /}
     * @param marker the comment's marker ({@code summary}: one comment per pull request)
     */
    static String comment(CampaignQueries.Campaign campaign, URI base, String marker) {
        String page = base.resolve("campaigns/" + campaign.campaign()).toString();
        return CommentBody.compose(markdown(campaign, base), marker,
                "[the campaign on the results server](" + page + ")", CommentBody.LIMIT);
    }

    static String markdown(CampaignQueries.Campaign campaign, URI base) {
        StringBuilder md = new StringBuilder();
        Totals totals = campaign.totals();
        md.append("### mpunit campaign `").append(campaign.campaign()).append("`: ")
                .append(count(campaign.testbeds().size(), "testbed")).append(", ")
                .append(count(campaign.columns().size(), "board")).append(", ")
                .append(totals.fail() == 0 ? "no failure" : count(totals.fail(), "failure"))
                .append(campaign.unfinished() ? " (**unfinished**: a run stopped early)" : "").append("\n\n");
        md.append("| Testbed | Run | Tests | Pass | Fail | Skip | Xfail |\n|---|---|---:|---:|---:|---:|---:|\n");
        for (RunQueries.Run run : campaign.runs()) {
            Totals t = run.totals();
            md.append("| ").append(MarkdownText.escape(run.testbed())).append(" | [").append(run.id()).append("](")
                    .append(base.resolve("runs/" + run.id())).append(')').append(run.unfinished() ? " unfinished" : "")
                    .append(" | ").append(t.total()).append(" | ").append(t.pass()).append(" | ")
                    .append(t.fail() == 0 ? "0" : "**" + t.fail() + "**").append(" | ").append(t.skip()).append(" | ")
                    .append(t.xfail()).append(" |\n");
        }
        if (campaign.rows().isEmpty()) {
            return md.toString();
        }
        md.append("\n## Failures across the testbeds\n\n| Test | Group |");
        for (CampaignQueries.Column column : campaign.columns()) {
            md.append(' ').append(MarkdownText.escape(column.testbed())).append("<br>")
                    .append(MarkdownText.escape(column.variant())).append(" |");
        }
        md.append("\n|---|---|").append("---|".repeat(campaign.columns().size())).append('\n');
        for (CampaignQueries.Row row : campaign.rows()) {
            String name = MarkdownText.escape(row.name());
            md.append("| ").append(row.source() == null ? name : "[" + name + "](" + row.source() + ")").append(" | ")
                    .append(MarkdownText.escape(row.group())).append(" |");
            for (ResultQueries.Cell cell : row.cells()) {
                md.append(' ').append(word(cell, base)).append(" |");
            }
            md.append('\n');
        }
        if (campaign.capped()) {
            md.append("\n… and ").append(campaign.failingTests() - campaign.rows().size())
                    .append(" more failing tests in each run's own report.\n");
        }
        return md.toString();
    }

    /** A failure links its output's page; {@code ·} is a test that did not run on that board. */
    private static String word(ResultQueries.Cell cell, URI base) {
        if (cell == null) {
            return "·";
        }
        String word = cell.verdict().equals("fail") ? "**FAIL**" : cell.verdict().toLowerCase(Locale.ROOT);
        // The API's /api/v1/runs/7/files/x is shown as text on the page /runs/7/files/x, relative to the base (a
        // proxy's path), not to the host.
        return cell.output() == null ? word
                : "[" + word + "](" + base.resolve(cell.output().substring("/api/v1/".length())) + ")";
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
