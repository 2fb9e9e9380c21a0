package org.cscstats.suppression.protect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.cscstats.contract.Code;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.audit.AuditCell;
import org.cscstats.suppression.audit.AuditReport;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.policy.Policy;
import org.cscstats.suppression.service.AuditedProtection;
import org.cscstats.suppression.service.EarlierRelease;
import org.cscstats.suppression.service.ReleaseProtection;
import org.cscstats.suppression.service.ReleaseRefusedException;
import org.cscstats.suppression.support.Checks;
import org.cscstats.suppression.support.Republished;
import org.cscstats.suppression.support.TinyLa;
import org.junit.jupiter.api.Test;

/**
 * Small tables whose safe patterns are worked out by hand in each test's comment, protected as the service does
 * (protection, escalation, the integer audit it must pass) and checked by the joint audit of every release.
 */
class HandWorkedProtectionTest {
    /**
     * The small-count tables: TinyLa ends every referral without an assessment and gives every child the same age,
     * sex and source, so every row of those tables is one cell, which the group rule (its own test, below) would
     * withhold throughout. These tests are about small counts, so they run FOI without it.
     */
    private static final Policy FOI = Policy.FOI.withGroupDisclosure(0);

    private static List<Cube> la(Map<String, Long> lastYear, boolean partial) {
        return TinyLa.years(List.of(TinyLa.year("331", "2023/24", false, Map.of("WBRI", 50L)),
                TinyLa.year("331", "2024/25", partial, lastYear)));
    }

    private static ReleaseProtection.Protected release(String id, List<Cube> cubes, List<EarlierRelease> earlier) {
        return new AuditedProtection().protect("331", id, cubes, FOI, earlier);
    }

    private static PublishedCell cell(List<PublishedTable> tables, String table, String row, String column) {
        PublishedTable t = tables.stream().filter(x -> x.table().equals(table)).findFirst().orElseThrow();
        int r = t.rows().stream().map(h -> h.code()).toList().indexOf(row);
        int c = t.columns().stream().map(h -> h.code()).toList().indexOf(column);
        return t.at(r < 0 ? t.rows().size() : r, c < 0 ? t.columns().size() : c);
    }

    private static AuditCell audited(AuditReport report, String release, String table, String row, String column) {
        return report.cells().stream().filter(c -> Objects.equals(c.release(), release) && c.table().equals(table)
                && c.row().equals(row) && c.column().equals(column)).findFirst().orElseThrow();
    }

    /**
     * 2024/25: 40 White British, 3 African, total 43, every other code 0. The African row and the Black group are
     * one figure x = 3. Printed as it stands (x as {@code <5}, the rest in full) x = 43 − 40 − 0s = 3 exactly. For
     * x to be anywhere in 1..4 something on the path total − White − zeros must be withheld as well: White British
     * with its White group (the same figure), or the total.
     */
    @Test
    void aSingleSmallCellInARowTakesAnotherWithIt() {
        List<Cube> cubes = la(Map.of("WBRI", 40L, "BAFR", 3L), false);
        ReleaseProtection.Protected r = release("331-1", cubes, List.of());
        List<PublishedTable> t = r.tables();
        String table = "referrals-by-ethnicity";
        assertTrue(cell(t, table, "BAFR", "2024/25").isSuppressed());
        assertTrue(cell(t, table, "WBRI", "2024/25").isSuppressed() || cell(t, table, "total", "2024/25").isSuppressed(),
                "White British or the total must go with it");
        AuditReport joint = Checks.noLeaksAcross(List.of(new EarlierRelease("331-1", FOI, t, cubes)));
        assertTrue(audited(joint, "331-1", table, "BAFR", "2024/25").width() >= FOI.protection());
    }

    /**
     * White and Black Caribbean: 1 referral in 2023/24 and 1 in 2024/25, so the row's total over the years shown
     * is 2 (the Traveller of Irish Heritage case). With {@code <5} on all three the reader knows each year
     * is at least 1 and the total at most 4, so each year is at most 3: width 2, short of 3, whatever else is
     * withheld. The symbols give it away, so at least one of the three must show [c], which states no bound.
     */
    @Test
    void aSmallTotalOverSmallCellsIsShownAsWithheld() {
        List<Cube> cubes = TinyLa.years(List.of(TinyLa.year("331", "2023/24", false, Map.of("WBRI", 50L, "MWBC", 1L)),
                TinyLa.year("331", "2024/25", false, Map.of("WBRI", 40L, "MWBC", 1L))));
        ReleaseProtection.Protected r = release("331-1", cubes, List.of());
        List<PublishedTable> t = r.tables();
        String table = "referrals-by-ethnicity";
        long hidden = List.of("2023/24", "2024/25", "total").stream()
                .filter(y -> cell(t, table, "MWBC", y).display().equals("[c]")).count();
        assertTrue(hidden >= 1, "a cell of the row must show [c]");
        AuditReport joint = Checks.noLeaksAcross(List.of(new EarlierRelease("331-1", FOI, t, cubes)));
        for (String y : List.of("2023/24", "2024/25")) {
            assertTrue(audited(joint, "331-1", table, "MWBC", y).width() >= FOI.protection(), y);
        }
    }

    /**
     * Release 1 (2024/25 in progress): 40 White British and 3 African. Release 2: one more White British referral,
     * African unchanged. Were release 2 to print White British (41) and the total (44), the African cell would be
     * 3 again; were it to print only White British 41 while release 1 printed the total 43, the total now (≥ 43,
     * counts do not shrink) minus 41 gives African ≥ 2, a width of 2. So release 2's pattern must account for what
     * release 1 printed: the joint audit of both releases finds every small count at width ≥ 3.
     */
    @Test
    void twoReleasesWithAChangedPatternAreSafeTogether() {
        List<Cube> first = la(Map.of("WBRI", 40L, "BAFR", 3L), true);
        ReleaseProtection.Protected r1 = release("331-1", first, List.of());
        List<EarlierRelease> made = new ArrayList<>(List.of(new EarlierRelease("331-1", FOI, r1.tables(), first)));
        List<Cube> second = la(Map.of("WBRI", 41L, "BAFR", 3L), true);
        ReleaseProtection.Protected r2 = release("331-2", second, made);
        made.add(new EarlierRelease("331-2", FOI, r2.tables(), second));
        AuditReport joint = Checks.noLeaksAcross(made);
        assertTrue(audited(joint, "331-1", "referrals-by-ethnicity", "BAFR", "2024/25").width() >= FOI.protection());
        assertTrue(audited(joint, "331-2", "referrals-by-ethnicity", "BAFR", "2024/25").width() >= FOI.protection());
    }

    /**
     * An earlier publication printed the African count (3) outright. It has not changed since, so the reader knows
     * it is 3 whatever this release withholds: no pattern can protect it, and the release is refused (fail closed),
     * naming the earlier release, rather than published with the small count known.
     */
    @Test
    void aReleaseThatCannotBeMadeSafeIsRefused() {
        List<Cube> cubes = la(Map.of("WBRI", 40L, "BAFR", 3L), false);
        List<PublishedTable> leaky = new ArrayList<>();
        for (PublishedTable t : release("331-1", cubes, List.of()).tables()) {
            leaky.add(t.table().equals("referrals-by-ethnicity") ? Republished.printing(t, "BAFR", 1, 3) : t);
        }
        List<EarlierRelease> earlier = List.of(new EarlierRelease("331-1", FOI, leaky, cubes));
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> release("331-2", cubes, earlier));
        assertTrue(e.cells() >= 1);
        assertTrue(e.releases().contains("331-1"), e.getMessage());
        assertEquals("331", e.la());
    }

    /**
     * Release 1 (as someone else printed it) shows White British 2024/25 as 40 beside the total 43 and the zeros: the
     * African count is not printed but implied, 43 − 40 = 3. What a release implied carries over as much as what it
     * printed: with African still 3, release 2 cannot hide it whatever it withholds, and is refused (fail closed).
     */
    @Test
    void whatAnEarlierReleaseImpliedCarriesOver() {
        List<Cube> first = la(Map.of("WBRI", 40L, "BAFR", 3L), true);
        List<PublishedTable> implied = new ArrayList<>();
        for (PublishedTable t : release("331-1", first, List.of()).tables()) {
            implied.add(t.table().equals("referrals-by-ethnicity") ? Republished.printing(t, "WBRI", 1, 40) : t);
        }
        AuditReport alone = Audit.run(implied, FOI);
        assertTrue(audited(alone, null, "referrals-by-ethnicity", "BAFR", "2024/25").width() < 1,
                "the precondition: release 1 implies the African count exactly");
        List<EarlierRelease> earlier = List.of(new EarlierRelease("331-1", FOI, implied, first));
        List<Cube> unchanged = la(Map.of("WBRI", 41L, "BAFR", 3L), true);
        ReleaseRefusedException e = assertThrows(ReleaseRefusedException.class,
                () -> release("331-2", unchanged, earlier));
        assertTrue(e.cells() >= 1, e.getMessage());
    }

    /**
     * 2023/24: 50 White British (40 no assessment, 10 strategy discussion) and 11 Chinese (6 and 5). 2024/25: 40
     * White British (30 and 10) and 6 Chinese, every one in a strategy discussion. No count is small, yet printed
     * in full the Chinese row of 2024/25 (6 strategy discussion, 0 in every other outcome, total 6) tells a reader
     * that each Chinese child referred that year had one. The group rule protects that cell as a small count: it
     * shows [c], and the reader must not narrow it below width 3 (as far as the reader can tell, 3 of the 6 may
     * have had another outcome). So another figure of the row goes with it: a zero of the row, or the row total,
     * and with it whatever keeps that figure from being worked out (a White British cell of the same column).
     */
    @Test
    void aRowWhoseChildrenAllHadOneOutcomeIsProtected() {
        List<Cube> cubes = TinyLa.years(List.of(
                TinyLa.outcomes("331", "2023/24", false, Map.of(
                        "WBRI", Map.of("no-assessment", 40L, "strategy-discussion", 10L),
                        "CHNE", Map.of("no-assessment", 6L, "strategy-discussion", 5L))),
                TinyLa.outcomes("331", "2024/25", false, Map.of(
                        "WBRI", Map.of("no-assessment", 30L, "strategy-discussion", 10L),
                        "CHNE", Map.of("strategy-discussion", 6L)))));
        String table = "referral-outcomes-by-ethnicity-2024-25";
        Policy foi = Policy.FOI;
        List<PublishedTable> without = new AuditedProtection().protect("331", "331-1", cubes,
                foi.withGroupDisclosure(0), List.of()).tables();
        assertEquals("6", cell(without, table, "CHNE", "strategy-discussion").display(),
                "the precondition: without the rule the cell is printed, beside the zeros of its row");
        List<PublishedTable> t = new AuditedProtection().protect("331", "331-1", cubes, foi, List.of()).tables();
        assertEquals("[c]", cell(t, table, "CHNE", "strategy-discussion").display());
        long others = Stream.concat(CodeLists.OUTCOMES.stream().map(Code::code), Stream.of("total"))
                .filter(o -> !o.equals("strategy-discussion") && cell(t, table, "CHNE", o).isSuppressed()).count();
        assertTrue(others >= 1, "another figure of the Chinese row must go with it");
        AuditReport joint = Checks.noLeaksAcross(List.of(new EarlierRelease("331-1", foi, t, cubes)),
                a -> a.table().equals(table) && a.row().equals("CHNE") && a.column().equals("strategy-discussion"));
        AuditCell c = audited(joint, "331-1", table, "CHNE", "strategy-discussion");
        assertTrue(c.min() <= 6 - foi.protection(), "a reader can still rule out that 3 of the 6 had another "
                + "outcome: " + c);
    }
}
