package dev.mpunit.cli;

import java.io.PrintWriter;
import java.util.List;

/** Rows printed as left-aligned columns, two spaces apart, indented by two; the last column unpadded. */
final class Columns {

    private Columns() {
    }

    static void print(PrintWriter out, List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < columns; i++) {
                line.append(' ').append(i == columns - 1 ? row.get(i) : String.format("%-" + widths[i] + "s ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
