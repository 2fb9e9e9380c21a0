package org.cscstats.suppression.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.bench.SyntheticLa;
import org.cscstats.suppression.catalogue.Catalogue;
import org.cscstats.suppression.catalogue.Header;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.audit.ReleaseHistory;
import org.cscstats.suppression.support.Oracle;
import org.junit.jupiter.api.Test;

/** Determinism, local minimality against the integer attacker, policies as configured, caseload. */
class ReleaseBehaviourTest {

    static final List<Cube> CUBES = SyntheticLa.generate(new SyntheticLa.Spec("331", 11, 4, 700, 1.3));

    @Test
    void sameInputSameOutput() {
        ProtectedRelease a = ReleaseProtector.protect(CUBES, Policy.FOI, List.of());
        List<Cube> shuffled = new ArrayList<>(CUBES);
        Collections.shuffle(shuffled, new Random(5));
        ProtectedRelease b = ReleaseProtector.protect(shuffled, Policy.FOI, List.of());
        assertEquals(a.tables(), b.tables());
        assertEquals(a.report().secondary(), b.report().secondary());
    }

    @Test
    void everySecondaryCellIsNeeded() {
        Policy policy = Policy.FOI;
        List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 4, 3, 300, 1.2));
        Catalogue catalogue = Catalogue.defaultFor(cubes);
        ReleaseProtector.Run run = ReleaseProtector.run(catalogue, cubes, policy, List.of());
        List<Integer> secondaries = new ArrayList<>();
        for (int u = 0; u < run.system().size(); u++) {
            if (run.result().status()[u] == Status.SECONDARY) {
                secondaries.add(u);
            }
        }
        assertFalse(secondaries.isEmpty());
        // Spot check: re-publishing a secondary cell should let the (independent) integer audit narrow a small count.
        // Minimality is reached against the protection's own witnesses, which fix how each cell's width p is split
        // below and above it; the integer audit may find another split, so a few cells are not strictly needed
        // (docs/disclosure.md › How protection works). The test holds the share of those down.
        int sampled = 0;
        List<String> unneeded = new ArrayList<>();
        for (int k = 0; k < secondaries.size(); k += Math.max(1, secondaries.size() / 12)) {
            sampled++;
            int s = secondaries.get(k);
            List<PublishedTable> tables = republish(run, s, policy);
            Oracle truth = new Oracle(tables, cubes);
            AuditReport audit = Audit.run(List.of(new Audit.Release("r", tables, policy)), ReleaseHistory.SINGLE,
                    c -> policy.isPrimary(truth.value(c)), policy.protection());
            if (audit.leaks(policy.protection()).isEmpty()) {
                unneeded.add(run.system().unknown(s).key());
            }
        }
        System.out.println("secondary cells not strictly needed: " + unneeded.size() + " of " + sampled + " sampled");
        assertTrue(unneeded.size() * 4 <= sampled, "too many secondary cells not needed: " + unneeded);
    }

    /** The release's tables with unknown s printed wherever it appears. */
    static List<PublishedTable> republish(ReleaseProtector.Run run, int s, Policy policy) {
        Map<String, PublishedCell> replace = new HashMap<>();
        for (LinkedSystem.Binding b : run.system().bindings()) {
            for (int i = 0; i < b.slots().size(); i++) {
                if (b.unknowns()[i] == s) {
                    TableLayout.Slot slot = b.slots().get(i);
                    replace.put(b.spec().id() + "|" + slot.row() + "|" + slot.column(),
                            PublishedCell.shown(policy.publishedValue(run.system().unknown(s).value())));
                }
            }
        }
        List<PublishedTable> out = new ArrayList<>();
        for (PublishedTable t : run.release().tables()) {
            int nr = t.rows().size();
            int nc = t.columns().size();
            List<List<PublishedCell>> cells = new ArrayList<>();
            for (int r = 0; r < nr; r++) {
                List<PublishedCell> row = new ArrayList<>();
                for (int c = 0; c < nc; c++) {
                    row.add(replace.getOrDefault(t.table() + "|" + r + "|" + c, t.at(r, c)));
                }
                cells.add(row);
            }
            List<PublishedCell> rt = t.rowTotals() == null ? null : new ArrayList<>();
            for (int r = 0; rt != null && r < nr; r++) {
                rt.add(replace.getOrDefault(t.table() + "|" + r + "|" + nc, t.at(r, nc)));
            }
            List<PublishedCell> ct = t.columnTotals() == null ? null : new ArrayList<>();
            for (int c = 0; ct != null && c < nc; c++) {
                ct.add(replace.getOrDefault(t.table() + "|" + nr + "|" + c, t.at(nr, c)));
            }
            PublishedCell total = t.total() == null ? null
                    : replace.getOrDefault(t.table() + "|" + nr + "|" + nc, t.total());
            out.add(new PublishedTable(t.la(), t.table(), t.measure(), t.title(), t.fixed(), t.rowDimension(),
                    t.columnDimension(), t.rows(), t.columns(), cells, rt, ct, total, t.notes()));
        }
        return out;
    }

    @Test
    void policiesPrintWhatTheyPromise() {
        Set<String> foi = displays(ReleaseProtector.protect(CUBES, Policy.FOI, List.of()));
        assertTrue(foi.contains("<5") && foi.contains("[c]") && foi.contains("0"));
        assertTrue(ReleaseProtector.protect(CUBES, Policy.FOI, List.of()).tables().get(0).notes().stream()
                .anyMatch(n -> n.startsWith("[c]: withheld. It may stand for any number, including 0")));
        assertFalse(foi.contains("*"));

        Set<String> dfe = displays(ReleaseProtector.protect(CUBES, Policy.DFE, List.of()));
        assertTrue(dfe.contains("[c]"));
        assertFalse(dfe.contains("<5") || dfe.contains("<6"));
        for (String d : dfe) {
            assertFalse(d.matches("[1-5]"), "dfe shows " + d);
        }

        ProtectedRelease nhs = ReleaseProtector.protect(CUBES, Policy.NHS, List.of());
        for (PublishedTable t : nhs.tables()) {
            if (t.measure().equals("caseload")) {
                continue;
            }
            for (int r = 0; r <= t.rows().size(); r++) {
                for (int c = 0; c <= t.columns().size(); c++) {
                    PublishedCell cell = t.at(r, c);
                    if (cell != null && !cell.isSuppressed()) {
                        long v = cell.value().longValueExact();
                        assertEquals(0, v % 5, t.table() + " shows " + v);
                        assertTrue(v == 0 || v >= 10);
                    }
                }
            }
        }
        // Totals are rounded from the true totals, not summed from rounded figures.
        PublishedTable byYear = nhs.table("referrals-by-year").orElseThrow();
        Oracle truth = new Oracle(nhs.tables(), CUBES);
        assertEquals(Policy.NHS.publishedValue(truth.value("referrals-by-year", "total", "total")),
                byYear.rowTotals().get(0).value().longValueExact());
    }

    @Test
    void caseloadWithholdsAveragesOfFewWorkers() {
        Map<String, Long> few = Map.of("statistic=workers", 3L, "statistic=highest", 9L,
                "statistic=allocations", 20L, "statistic=unallocated", 2L);
        Map<String, Long> many = Map.of("statistic=workers", 40L, "statistic=highest", 25L,
                "statistic=allocations", 610L, "statistic=unallocated", 17L);
        List<Cube> cubes = new ArrayList<>();
        cubes.add(new Cube("331", "referrals", "2022/23", false, 1, Map.of()));
        cubes.add(new Cube("331", "referrals", "2023/24", false, 1, Map.of()));
        cubes.add(new Cube("331", "caseload", "2022/23", false, 1, few));
        cubes.add(new Cube("331", "caseload", "2023/24", false, 1, many));
        PublishedTable t = ReleaseProtector.protect(cubes, Policy.FOI, List.of()).table("caseload").orElseThrow();
        List<String> stats = t.rows().stream().map(Header::code).toList();
        assertEquals(List.of("workers", "highest", "mean", "unallocated"), stats);
        assertEquals("<5", t.at(0, 0).display());
        assertEquals("[c]", t.at(1, 0).display());
        assertEquals("[c]", t.at(2, 0).display());
        assertEquals("<5", t.at(3, 0).display());
        assertEquals("40", t.at(0, 1).display());
        assertEquals("25", t.at(1, 1).display());
        assertEquals("15.25", t.at(2, 1).display());
        assertEquals("17", t.at(3, 1).display());
        assertEquals(null, t.rowTotals());
    }

    private static Set<String> displays(ProtectedRelease r) {
        Set<String> out = new HashSet<>();
        for (PublishedTable t : r.tables()) {
            for (int i = 0; i <= t.rows().size(); i++) {
                for (int j = 0; j <= t.columns().size(); j++) {
                    if (t.at(i, j) != null) {
                        out.add(t.at(i, j).display());
                    }
                }
            }
        }
        return out;
    }
}
