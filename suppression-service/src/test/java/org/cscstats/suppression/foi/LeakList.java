package org.cscstats.suppression.foi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.audit.Violation;
import org.cscstats.suppression.catalogue.Header;
import org.cscstats.suppression.catalogue.PublishedTable;

/** Writes an audit's leaks as Markdown: exact recoveries, then intervals narrower than p, then contradictions. */
public final class LeakList {
    private LeakList() {
    }

    public static String markdown(String title, List<PublishedTable> tables, AuditReport report, double p) {
        Map<String, PublishedTable> byId = tables.stream().collect(Collectors.toMap(PublishedTable::table, t -> t));
        List<AuditCell> exact = report.exact();
        List<AuditCell> narrowed = report.narrowed(p);
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append(String.format(Locale.ROOT, "%d withheld cells audited: %d recovered exactly, %d more narrowed to an "
                + "interval narrower than %s; %d relations contradicted by the printed figures.%n%n",
                report.cells().size(), exact.size(), narrowed.size(), fmt(p), report.violations().size()));
        sb.append("## Recovered exactly\n\n| table | row | column | shown | value |\n|---|---|---|---|---|\n");
        for (AuditCell c : exact) {
            sb.append(row(byId, c)).append(fmt(c.min())).append(" |\n");
        }
        sb.append("\n## Narrowed below the protection width\n\n| table | row | column | shown | interval |\n"
                + "|---|---|---|---|---|\n");
        for (AuditCell c : narrowed) {
            sb.append(row(byId, c)).append('[').append(fmt(c.min())).append(", ").append(fmt(c.max()))
                    .append("] |\n");
        }
        sb.append("\n## Relations the printed figures contradict (left out of the attack)\n\n");
        for (Violation v : report.violations()) {
            sb.append("- ").append(v.relation()).append(": ").append(v.detail()).append('\n');
        }
        return sb.toString();
    }

    private static String row(Map<String, PublishedTable> byId, AuditCell c) {
        PublishedTable t = byId.get(c.table());
        return "| " + t.title() + " | " + label(t.rows(), c.row()) + " | " + label(t.columns(), c.column()) + " | `"
                + c.display() + "` | ";
    }

    private static String label(List<Header> headers, String code) {
        return headers.stream().filter(h -> h.code().equals(code)).map(Header::label).findFirst().orElse("Total");
    }

    private static String fmt(Double v) {
        if (v == null) {
            return "∞";
        }
        return Math.abs(v - Math.rint(v)) < 1e-9 ? Long.toString(Math.round(v)) : String.format(Locale.ROOT, "%.2f", v);
    }
}
