package org.cscstats.suppression.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.protect.CubeValues;
import org.cscstats.suppression.service.CubeHistory;
import org.cscstats.suppression.service.EarlierRelease;

/** The guarantees of docs/disclosure.md, checked on printed tables against the truth; no cell is excused. */
public final class Checks {
    private Checks() {
    }

    /** No printed figure is a small count; every small count is withheld, as {@code <t} or [c], with no value. */
    public static void noSmallCountShown(List<PublishedTable> tables, List<Cube> cubes, Policy policy) {
        Oracle truth = new Oracle(tables, cubes);
        for (PublishedTable t : tables) {
            if (t.measure().equals("caseload")) {
                continue;
            }
            for (int r = 0; r <= t.rows().size(); r++) {
                for (int c = 0; c <= t.columns().size(); c++) {
                    PublishedCell cell = t.at(r, c);
                    if (cell == null) {
                        continue;
                    }
                    long v = truth.value(t, r, c);
                    String where = t.table() + " [" + r + "," + c + "]";
                    if (cell.isSuppressed()) {
                        assertNull(cell.value(), where + ": a withheld cell carries no value");
                        assertTrue(cell.display().equals(policy.secondarySymbol())
                                || (policy.isPrimary(v) && cell.display().equals(policy.primarySymbol())),
                                where + ": the primary symbol on a cell that is not a small count");
                    } else {
                        assertTrue(!policy.isPrimary(v), where + " prints a small count");
                        assertEquals(policy.publishedValue(v), cell.value().longValueExact(), where);
                    }
                }
            }
        }
    }

    /**
     * Every small count of every release keeps width ≥ p against the attacker of docs/disclosure.md: each release is
     * audited with what every release before it let the attacker know (the carry-over rule, from the cubes), as the
     * reader holding that release and all earlier ones; optima contain the truth. Returns the last release's audit.
     */
    public static AuditReport noLeaksAcross(List<EarlierRelease> releases) {
        return noLeaksAcross(releases, c -> false);
    }

    /** As {@link #noLeaksAcross(List)}, with {@code alsoProtected} cells (not small counts) held to p as well. */
    public static AuditReport noLeaksAcross(List<EarlierRelease> releases,
            java.util.function.Predicate<AuditCell> alsoProtected) {
        List<Audit.Release> read = new ArrayList<>();
        List<CubeValues> values = new ArrayList<>();
        List<Oracle> truth = new ArrayList<>();
        for (EarlierRelease e : releases) {
            read.add(new Audit.Release(e.id(), e.tables(), e.policy()));
            values.add(new CubeValues(e.cubes()));
            truth.add(new Oracle(e.tables(), e.cubes()));
        }
        Policy policy = releases.get(releases.size() - 1).policy();
        int p = policy.protection();
        java.util.function.Predicate<AuditCell> small = c -> policy.isPrimary(truth.get(index(releases, c)).value(c))
                || alsoProtected.test(c);
        AuditReport joint = null;
        for (int k = 1; k <= read.size(); k++) {
            joint = Audit.run(read.subList(0, k), new CubeHistory(values.subList(0, k)), small, p);
            String after = " after release " + k;
            assertEquals(List.of(), joint.violations(), "our own figures contradict a relation" + after);
            assertEquals(List.of(), joint.leaks(p), "small counts the attacker narrows below p" + after);
            for (AuditCell c : joint.cells()) {
                // Optima bound the truth; a span of points found need not reach it.
                long v = truth.get(index(releases, c)).value(c);
                assertTrue(!c.exact() || (c.min() <= v && (c.max() == null || v <= c.max())),
                        "the interval excludes the truth" + after + ": " + c);
            }
        }
        // An outsider who assumes no count ever shrinks is not checked here: where counts do shrink (outcomes move,
        // records are retracted) that belief is false and may "narrow" cells by a guess (docs/disclosure.md › Known
        // limits); rule 5's attacker above is the guarantee.
        return joint;
    }

    private static int index(List<EarlierRelease> releases, AuditCell c) {
        for (int i = 0; i < releases.size(); i++) {
            if (releases.get(i).id().equals(c.release())) {
                return i;
            }
        }
        throw new IllegalArgumentException(c.release());
    }
}
