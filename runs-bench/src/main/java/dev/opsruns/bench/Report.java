package dev.opsruns.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table a run prints, with the notes that say what was measured and on what. */
final class Report {

    /** Whether a row met its target. */
    enum Verdict {
        MET("met"), MISSED("MISSED"), INFO("info"), ERROR("ERROR");

        final String text;

        Verdict(String text) {
            this.text = text;
        }
    }

    record Row(Database database, String operation, String threads, String library, String baseline, String ratio,
            String target, Verdict verdict) {
    }

    private final List<String> header = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void header(String line) {
        header.add(line);
    }

    void row(Row row) {
        rows.add(row);
    }

    void note(String line) {
        notes.add(line);
    }

    List<Row> rows() {
        return rows;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# opsruns benchmarks\n\n");
        for (String line : header) {
            sb.append("- ").append(line).append('\n');
        }
        sb.append('\n');
        List<String[]> cells = new ArrayList<>();
        cells.add(new String[] {"db", "operation", "threads", "library", "baseline (raw JDBC, or the peer)", "ratio", "target", "result"});
        for (Row r : rows) {
            cells.add(new String[] {r.database().label(), r.operation(), r.threads(), r.library(), r.baseline(), r.ratio(),
                r.target(), r.verdict().text});
        }
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        boolean[] right = {false, false, true, true, true, true, false, false};
        for (int r = 0; r < cells.size(); r++) {
            sb.append('|');
            for (int i = 0; i < width.length; i++) {
                String cell = cells.get(r)[i];
                String pad = " ".repeat(width[i] - cell.length());
                sb.append(' ').append(right[i] ? pad + cell : cell + pad).append(" |");
            }
            sb.append('\n');
            if (r == 0) {
                sb.append('|');
                for (int i = 0; i < width.length; i++) {
                    sb.append(right[i] ? " " + "-".repeat(width[i] - 1) + ": |" : " " + "-".repeat(width[i]) + " |");
                }
                sb.append('\n');
            }
        }
        sb.append('\n');
        for (String line : notes) {
            sb.append("- ").append(line).append('\n');
        }
        return sb.toString();
    }

    /** @return a throughput with thousands separators and its relative error */
    static String opsPerSecond(double score, double error) {
        String s = String.format(Locale.ROOT, "%,.0f/s", score);
        if (!Double.isNaN(error) && score > 0) {
            s += String.format(Locale.ROOT, " ±%.0f%%", 100 * error / score);
        }
        return s;
    }

    static String millis(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.3f ms" : "%.1f ms", ms);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2f×", r);
    }
}
