package org.cscstats.suppression.audit;

import java.util.List;

/**
 * The audit of a set of printed tables: what the attacker was assumed to know, each withheld cell's interval, and
 * the relations the figures themselves violate (left out of the attack).
 */
public record AuditReport(String attacker, List<AuditCell> cells, List<Violation> violations) {

    public AuditReport {
        cells = List.copyOf(cells);
        violations = List.copyOf(violations);
    }

    public List<AuditCell> exact() {
        return cells.stream().filter(AuditCell::exact).toList();
    }

    /** Cells narrowed below p but not exactly recovered. */
    public List<AuditCell> narrowed(double p) {
        return cells.stream().filter(c -> !c.exact() && c.narrowerThan(p)).toList();
    }

    public List<AuditCell> leaks(double p) {
        return cells.stream().filter(c -> c.narrowerThan(p)).toList();
    }
}
