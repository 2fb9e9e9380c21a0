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

    /** Checked cells the attacker recovers exactly. */
    public List<AuditCell> exact() {
        return cells.stream().filter(c -> c.checked() && c.recovered()).toList();
    }

    /** Checked cells narrowed below p but not exactly recovered. */
    public List<AuditCell> narrowed(double p) {
        return cells.stream().filter(c -> c.checked() && !c.recovered() && c.narrowerThan(p)).toList();
    }

    /**
     * Checked cells not shown at least p wide — by integer optima, or by the span of integer solutions where the
     * solver could not prove an optimum: the release must not be published.
     */
    public List<AuditCell> leaks(double p) {
        return cells.stream().filter(c -> c.checked() && c.narrowerThan(p)).toList();
    }
}
