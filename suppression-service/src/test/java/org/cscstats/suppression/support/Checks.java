package org.cscstats.suppression.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;

/** The guarantees of disclosure.md, checked on printed tables against the truth and an independent audit. */
public final class Checks {
    private Checks() {
    }

    /** No printed figure is a small count, and every small count is withheld with the primary symbol. */
    public static void noSmallCountShown(List<PublishedTable> tables, Truth truth, Policy policy) {
        for (Map.Entry<String, PublishedCell> e : Truth.printed(tables).entrySet()) {
            PublishedCell cell = e.getValue();
            Long v = truth.valueOf(e.getKey());
            if (cell.value() != null && cell.display().matches("\\d+")) {
                long shown = cell.value().longValueExact();
                assertTrue(!policy.isPrimary(shown) || (shown == 0 && policy.zerosShown()),
                        e.getKey() + " shows a small count");
                assertEquals(Long.toString(shown), cell.display());
            }
            if (v != null && policy.isPrimary(v)) {
                assertTrue(cell.isSuppressed(), e.getKey() + " is a small count but printed");
                assertEquals(policy.primarySymbol(), cell.display(), e.getKey());
            }
            if (cell.isSuppressed()) {
                assertEquals(null, cell.value(), "a withheld cell carries no value");
            }
        }
    }

    /** The audit finds no primary cell narrower than p (or than the widest any pattern could give it). */
    public static void noLeaks(List<PublishedTable> tables, AuditReport report, Truth truth) {
        noLeaksAcross(List.of(tables), report, truth);
    }

    /** Several releases read together: the last one must not let the attacker narrow any primary cell. */
    public static void noLeaksAcross(List<List<PublishedTable>> releases, AuditReport report, Truth truth) {
        assertEquals(List.of(), report.violations(), "our own figures contradict a relation");
        List<AuditCell> leaks = truth.leaksAcross(releases, report);
        assertEquals(List.of(), leaks, "primary cells the audit narrows");
    }
}
