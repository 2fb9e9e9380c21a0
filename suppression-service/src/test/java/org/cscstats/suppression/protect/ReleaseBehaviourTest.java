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
import org.cscstats.suppression.policy.Zeros;
import org.cscstats.suppression.support.Checks;
import org.cscstats.suppression.support.Truth;
import org.junit.jupiter.api.Test;

/** Determinism, local minimality, policies as configured, and protection across releases. */
class ReleaseBehaviourTest {

    static final List<Cube> CUBES = SyntheticLa.generate(new SyntheticLa.Spec("331", 11, 4, 700, 1.3));

    @Test
    void sameInputSameOutput() {
        ProtectedRelease a = ReleaseProtector.protect(CUBES, Policy.FOI, null);
        List<Cube> shuffled = new ArrayList<>(CUBES);
        Collections.shuffle(shuffled, new Random(5));
        ProtectedRelease b = ReleaseProtector.protect(shuffled, Policy.FOI, null);
        assertEquals(a.tables(), b.tables());
        assertEquals(a.report().secondary(), b.report().secondary());
    }

    @Test
    void everySecondaryCellIsNeeded() {
        Policy policy = Policy.FOI;
        List<Cube> cubes = SyntheticLa.generate(new SyntheticLa.Spec("331", 4, 3, 300, 1.2));
        Catalogue catalogue = Catalogue.defaultFor(cubes);
        ReleaseProtector.Run run = ReleaseProtector.run(catalogue, cubes, policy, null);
        Truth truth = new Truth(catalogue, cubes, policy);
        List<Integer> secondaries = new ArrayList<>();
        for (int u = 0; u < run.system().size(); u++) {
            if (run.result().status()[u] == Status.SECONDARY) {
                secondaries.add(u);
            }
        }
        assertFalse(secondaries.isEmpty());
        // Spot check: re-publishing any one secondary cell must let the (independent) audit narrow a primary cell.
        for (int k = 0; k < secondaries.size(); k += Math.max(1, secondaries.size() / 12)) {
            int s = secondaries.get(k);
            List<PublishedTable> tables = republish(run, s, policy);
            AuditReport audit = Audit.run(tables, policy);
            assertFalse(truth.leaks(tables, audit).isEmpty(), run.system().unknown(s).key() + " was not needed");
        }
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
        Set<String> foi = displays(ReleaseProtector.protect(CUBES, Policy.FOI, null));
        assertTrue(foi.contains("<5") && foi.contains("[c]") && foi.contains("0"));
        assertFalse(foi.contains("*"));

        Set<String> dfe = displays(ReleaseProtector.protect(CUBES, Policy.DFE, null));
        assertTrue(dfe.contains("[c]"));
        assertFalse(dfe.contains("<5") || dfe.contains("<6"));
        for (String d : dfe) {
            assertFalse(d.matches("[1-5]"), "dfe shows " + d);
        }

        ProtectedRelease nhs = ReleaseProtector.protect(CUBES, Policy.NHS, null);
        for (PublishedTable t : nhs.tables()) {
            if (t.measure().equals("caseload")) {
                continue;
            }
            for (PublishedCell c : Truth.printed(List.of(t)).values()) {
                if (!c.isSuppressed()) {
                    long v = c.value().longValueExact();
                    assertEquals(0, v % 5, t.table() + " shows " + v);
                    assertTrue(v == 0 || v >= 10);
                }
            }
        }
        // Totals are rounded from the true totals, not summed from rounded figures.
        Catalogue cat = Catalogue.defaultFor(CUBES);
        Truth truth = new Truth(cat, CUBES, Policy.NHS);
        PublishedTable byYear = nhs.table("referrals-by-year").orElseThrow();
        assertEquals(Policy.NHS.publishedValue(truth.valueOf("referrals-by-year|total|total")),
                byYear.rowTotals().get(0).value().longValueExact());

        Policy strict = Policy.of("strict", 5, Zeros.SUPPRESSED, "<5", "[c]", null);
        ProtectedRelease s = ReleaseProtector.protect(CUBES, strict, null);
        Truth st = new Truth(cat, CUBES, strict);
        for (Map.Entry<String, PublishedCell> e : Truth.printed(s.tables()).entrySet()) {
            if (st.valueOf(e.getKey()) != null && st.valueOf(e.getKey()) == 0) {
                assertTrue(e.getValue().isSuppressed(), e.getKey());
            }
        }
    }

    @Test
    void edgeCasesProtectCleanly() {
        // A first release: one year, in progress.
        List<Cube> one = SyntheticLa.generate(new SyntheticLa.Spec("331", 31, 1, 90, 1.0));
        for (Policy p : List.of(Policy.FOI, Policy.DFE, Policy.NHS, Policy.FOI.withProtection(2))) {
            Catalogue c = Catalogue.defaultFor(one);
            ProtectedRelease r = ReleaseProtector.protect(c, one, p, null);
            assertEquals(List.of(), r.report().unprotectable());
            Truth truth = new Truth(c, one, p);
            Checks.noSmallCountShown(r.tables(), truth, p);
            Checks.noLeaks(r.tables(), Audit.run(r.tables(), p), truth);
            assertTrue(r.table("caseload").isEmpty(), "no completed year, no caseload table");
        }
        // An LA with nothing to count: every figure 0, nothing withheld.
        List<Cube> zeros = List.of(new Cube("331", "referrals", "2023/24", false, 1, Map.of()),
                new Cube("331", "referrals", "2024/25", true, 1, Map.of()));
        ProtectedRelease r = ReleaseProtector.protect(zeros, Policy.FOI, null);
        assertEquals(0, r.report().primary() + r.report().secondary());
        assertTrue(Truth.printed(r.tables()).values().stream()
                .allMatch(c -> !c.isSuppressed() || c.display().equals("[z]")), "only [z]: no caseload to average");
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
        PublishedTable t = ReleaseProtector.protect(cubes, Policy.FOI, null).table("caseload").orElseThrow();
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

    @Test
    void aSecondReleaseKeepsTheFirstInMind() {
        Policy policy = Policy.FOI;
        List<Cube> first = SyntheticLa.generate(new SyntheticLa.Spec("331", 21, 3, 600, 1.3, 2023));
        List<Cube> later = SyntheticLa.generate(new SyntheticLa.Spec("331", 22, 4, 600, 1.3, 2024));
        // Completed years are the same figures in both releases; the year then in progress has moved on.
        Set<String> completedBefore = new HashSet<>();
        first.stream().filter(c -> !c.partial()).forEach(c -> completedBefore.add(c.fy()));
        List<Cube> second = new ArrayList<>();
        first.stream().filter(c -> completedBefore.contains(c.fy())).forEach(second::add);
        later.stream().filter(c -> !completedBefore.contains(c.fy())).forEach(second::add);

        ProtectedRelease r1 = ReleaseProtector.protect(first, policy, null);
        ProtectedRelease r2 = ReleaseProtector.protect(second, policy,
                new PreviousRelease(policy, r1.tables(), first));
        assertEquals(List.of(), r2.report().unprotectable());
        // Audit both releases together; table ids are stable, so tag them by release for the oracle.
        List<PublishedTable> t1 = tag(r1.tables(), "r1:");
        List<PublishedTable> t2 = tag(r2.tables(), "r2:");
        Truth truth = new Truth(List.of(prefixed(Catalogue.defaultFor(first), first, "r1:", policy),
                prefixed(Catalogue.defaultFor(second), second, "r2:", policy)));
        AuditReport both = Audit.runReleases(List.of(t1, t2), policy);
        Checks.noLeaksAcross(List.of(t1, t2), both, truth);
        assertNotEquals(0, both.cells().size());
    }

    private static Truth prefixed(Catalogue c, List<Cube> cubes, String prefix, Policy p) {
        return new Truth(c, cubes, p).withPrefix(prefix);
    }

    private static List<PublishedTable> tag(List<PublishedTable> tables, String prefix) {
        return tables.stream().map(t -> new PublishedTable(t.la(), prefix + t.table(), t.measure(), t.title(),
                t.fixed(), t.rowDimension(), t.columnDimension(), t.rows(), t.columns(), t.cells(), t.rowTotals(),
                t.columnTotals(), t.total(), t.notes())).toList();
    }

    private static Set<String> displays(ProtectedRelease r) {
        Set<String> out = new HashSet<>();
        for (PublishedCell c : Truth.printed(r.tables()).values()) {
            out.add(c.display());
        }
        return out;
    }
}
