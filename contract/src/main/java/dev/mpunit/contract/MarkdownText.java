package dev.mpunit.contract;

/**
 * Text from a run (test names, variants, messages) put into GitHub-flavoured markdown as text: the
 * summary report's {@code summary_report.md} and the results server's campaign comment write it alike.
 */
public final class MarkdownText {

    private MarkdownText() {
    }

    /** Table cells end at a bare {@code |}; names with markdown's own characters keep them literal. */
    public static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
                .replace("[", "\\[").replace("]", "\\]").replace("\n", " ");
    }
}
