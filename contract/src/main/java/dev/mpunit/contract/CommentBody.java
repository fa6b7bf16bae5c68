package dev.mpunit.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pull-request comment made of a run's {@code summary_report.md}: the marker that finds it
 * again, the summary with its links made absolute, and where the full report is. GitHub refuses a
 * comment over {@link #LIMIT} characters, so a longer summary is cut: its head (the run's header and
 * the groups table) always stays, then the groups' sections while they fit, the last one cut at a
 * line (a cut table stays a table), and a line says what was left out and links the full report.
 *
 * <p>Shared: the reporting module composes a run's comment, the results server a campaign's
 * ({@code GET /api/v1/campaigns/{id}/comment.md}), cut the same way.
 */
public final class CommentBody {

    /** GitHub's limit on an issue comment's body. */
    public static final int LIMIT = 65_536;
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]*)\\]\\(([^)\\s]+)\\)");
    private static final Pattern ABSOLUTE = Pattern.compile("(?i)[a-z][a-z0-9+.-]*:.*");

    private CommentBody() {
    }

    /** {@code <!-- mpunit:<marker> -->}: invisible in the comment, found by the next run with the same marker. */
    public static String marker(String marker) {
        return "<!-- mpunit:" + marker + " -->";
    }

    /**
     * @param runPage the run's page on the results server, when the folder was pushed: the summary's links
     *        (relative to the results folder) point to its files there
     * @param elsewhere where the full report is otherwise, said in words ({@code summary_report.html in the
     *        results folder …}); the summary's links are then left as plain words (they would point nowhere)
     * @param limit the longest body, in UTF-16 units (at least GitHub's count of characters)
     */
    public static String compose(String summary, String marker, Optional<String> runPage, String elsewhere, int limit) {
        String markdown = links(summary, runPage);
        String fullReport = runPage.map(page -> "[the run on the results server](" + page + ")").orElse(elsewhere);
        return compose(markdown, marker, fullReport, limit);
    }

    /**
     * A markdown whose links are all absolute, cut to {@code limit} as above.
     *
     * @param fullReport where all of it is, as markdown ({@code [the campaign on the results server](https://…)})
     */
    public static String compose(String markdown, String marker, String fullReport, int limit) {
        String head = marker(marker) + "\n";
        String foot = "\n---\nFull report: " + fullReport + "\n";
        List<String> sections = sections(markdown);
        StringBuilder body = new StringBuilder(head);
        // Room for the line saying what was cut: its words and numbers, the names of the sections left out.
        int budget = limit - head.length() - foot.length() - 200 - fullReport.length();
        List<String> leftOut = new ArrayList<>();
        int cutLines = 0;
        String cutSection = null;
        for (String section : sections) {
            if (!leftOut.isEmpty() || cutSection != null) {
                leftOut.add(title(section));
                continue;
            }
            int room = budget - (body.length() - head.length());
            if (section.length() <= room) {
                body.append(section);
                continue;
            }
            // The section that does not fit: whole lines of it while they do, the first section (the header and
            // the groups table) included; what its name and the names of the sections left out take in the line
            // saying so is kept off the budget.
            int reserve = title(section).length()
                    + sections.stream().skip(sections.indexOf(section) + 1).mapToInt(s -> title(s).length() + 2).sum();
            String[] lines = (section.endsWith("\n") ? section.substring(0, section.length() - 1) : section).split("\n", -1);
            int kept = 0;
            for (String line : lines) {
                if (line.length() + 1 > room - reserve) {
                    break;
                }
                body.append(line).append('\n');
                room -= line.length() + 1;
                kept++;
            }
            cutLines = (int) java.util.Arrays.stream(lines, kept, lines.length).filter(line -> !line.isBlank()).count();
            cutSection = title(section);
        }
        if (cutSection != null) {
            body.append("\n**Cut to fit GitHub's comment limit (").append(String.format(java.util.Locale.ROOT, "%,d", limit))
                    .append(" characters):** ").append(cutLines).append(cutLines == 1 ? " line" : " lines")
                    .append(" of ").append(cutSection);
            if (!leftOut.isEmpty()) {
                body.append(" and the ").append(leftOut.size() == 1 ? "section " : "sections ")
                        .append(String.join(", ", leftOut));
            }
            body.append(" left out; all of it is in the full report below.\n");
        }
        return body.append(foot).toString();
    }

    /** The summary's sections: its head (before the first {@code ## }), then one per {@code ## } heading. */
    private static List<String> sections(String markdown) {
        List<String> sections = new ArrayList<>();
        int start = 0;
        int at = markdown.startsWith("## ") ? 0 : markdown.indexOf("\n## ");
        while (at >= 0) {
            int end = at == 0 ? 0 : at + 1;
            if (end > start) {
                sections.add(markdown.substring(start, end));
            }
            start = end;
            at = markdown.indexOf("\n## ", end + 1);
        }
        sections.add(markdown.substring(start));
        return sections;
    }

    /** {@code ## RUN-TESTS\_STANDARD} is named as such; the head as "the summary's header". */
    private static String title(String section) {
        if (!section.startsWith("## ")) {
            return "the summary's header";
        }
        int end = section.indexOf('\n');
        return "\"" + section.substring(3, end < 0 ? section.length() : end).strip() + "\"";
    }

    /**
     * The summary's links are relative to the results folder ({@code RUN-TESTS_STANDARD@RPI_PICO/x.py.out}): on
     * the pull request they would resolve against github.com. Pushed, they become the server's pages of those
     * files; otherwise the word stays without a link.
     */
    private static String links(String markdown, Optional<String> runPage) {
        Matcher matcher = LINK.matcher(markdown);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String target = matcher.group(2);
            String replacement;
            if (ABSOLUTE.matcher(target).matches() || target.startsWith("#") || target.startsWith("/")) {
                replacement = matcher.group();
            } else if (runPage.isPresent()) {
                replacement = "[" + matcher.group(1) + "](" + runPage.get() + "/files/" + target + ")";
            } else {
                replacement = matcher.group(1);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
