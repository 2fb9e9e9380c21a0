package org.cscstats.stats.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;
import org.junit.jupiter.api.Test;

/** The worked example of {@code docs/measures.md} › Worked example, child X, exactly as stated there. */
class WorkedExampleTest {
    private static final FinancialYear CURRENT = new FinancialYear(2024);

    /**
     * Child X (born 2015-06-01, WBRI) referred 2022-05-10 (R1, source 2A), assessed 2022-06-01, closed RC8
     * 2022-06-20; referred again 2023-03-01 (R2), stepped down to early-help 2023-03-20 (R2 stays open).
     */
    static List<CaseEvent> childX() {
        return List.of(
                Ev.referral("x1", "R1", "2022-05-10", "2A").born("2015-06-01").ethnicity("WBRI").build(),
                Ev.assessment("x2", "R1", "2022-06-01"),
                Ev.closure("x3", "R1", "2022-06-20", "RC8"),
                Ev.referral("x4", "R2", "2023-03-01", "2A").build(),
                Ev.stepDown("x5", "R2", "2023-03-20", "early-help"));
    }

    static ChildContribution count(List<CaseEvent> events) {
        return ChildContribution.of(ChildHistory.of("331", "X", events), CURRENT);
    }

    @Test
    void everyFigureOfTheWorkedExample() {
        ChildContribution x = count(childX());
        String fy = "2022/23";
        // the totals of every cube X contributes to, and nothing else
        Map<String, Long> totals = new HashMap<>();
        x.cells().forEach((cell, v) -> {
            if (cell.cell().isEmpty()) {
                totals.put(cell.measure() + " " + cell.fy(), v);
            }
        });
        assertEquals(Map.ofEntries(
                Map.entry("referrals 2022/23", 2L),
                Map.entry("referrals-assessed 2022/23", 1L),
                Map.entry("referral-outcomes 2022/23", 2L),
                Map.entry("rereferrals 2022/23", 1L),
                Map.entry("assessments 2022/23", 1L),
                Map.entry("closures-after-assessment 2022/23", 1L),
                Map.entry("rereferrals-after-closure 2022/23", 1L),
                Map.entry("step-downs 2022/23", 1L),
                Map.entry("children-in-need 2022/23", 1L),
                Map.entry("children-in-need-started 2022/23", 1L),
                Map.entry("children-in-need-ended 2022/23", 1L),
                // R2 is still open: in need in every later year up to the one in progress
                Map.entry("children-in-need 2023/24", 1L),
                Map.entry("children-in-need 2024/25", 1L)), totals);

        assertEquals(2, get(x, "referrals", fy, "age-band=5-9"));
        assertEquals(2, get(x, "referrals", fy, "ethnicity=WBRI"));
        assertEquals(2, get(x, "referrals", fy, "ethnic-group=white"));
        assertEquals(2, get(x, "referrals", fy, "sex=unknown"));
        assertEquals(2, get(x, "referrals", fy, "referral-source=2A"));
        assertEquals(1, get(x, "referral-outcomes", fy, "outcome=nfa"));
        assertEquals(1, get(x, "referral-outcomes", fy, "outcome=step-down"));
        assertEquals(1, get(x, "referral-outcomes", fy, "outcome=nfa|ethnicity=WBRI"));
        assertEquals(1, get(x, "referral-outcomes", fy, "outcome=step-down|age-band=5-9"));
        assertEquals(2, get(x, "referral-outcomes", fy, "referral-source=2A"));
        assertEquals(1, get(x, "rereferrals", fy, "age-band=5-9"));
        assertEquals(1, get(x, "assessments", fy, "age-band=5-9"));
        assertEquals(1, get(x, "closures-after-assessment", fy, "reason=RC8"));
        assertEquals(1, get(x, "closures-after-assessment", fy, "age-band=5-9"));
        assertEquals(1, get(x, "rereferrals-after-closure", fy, "age-band=5-9"));
        assertEquals(1, get(x, "step-downs", fy, "age-band=5-9"));
        assertEquals(1, get(x, "children-in-need", "2024/25", "ethnicity=WBRI"));
        // caseload population on 31 March of completed years: R2 open, no worker
        assertEquals(1, get(x, "caseload", "2022/23", CaseloadStatistics.UNALLOCATED));
        assertEquals(1, get(x, "caseload", "2023/24", CaseloadStatistics.UNALLOCATED));
        assertEquals(0, get(x, "caseload", "2024/25", CaseloadStatistics.UNALLOCATED));
    }

    @Test
    void aLaterMwbcCorrectionMovesEverythingFromWbriToMwbc() {
        ChildContribution before = count(childX());
        List<CaseEvent> corrected = new ArrayList<>(childX());
        corrected.add(Ev.details("x6", "2024-05-01").ethnicity("MWBC").build());
        ChildContribution after = count(corrected);

        Map<CubeCell, Long> expected = new HashMap<>();
        before.cells().forEach((cell, v) -> expected.put(new CubeCell(cell.measure(), cell.fy(),
                cell.cell().replace("ethnicity=WBRI", "ethnicity=MWBC")
                        .replace("ethnic-group=white", "ethnic-group=mixed")), v));
        assertEquals(expected, after.cells());
        assertEquals(2, get(after, "referrals", "2022/23", "ethnicity=MWBC"));
        assertEquals(0, get(after, "referrals", "2022/23", "ethnicity=WBRI"));

        CubeDelta delta = CubeDelta.between(before, after);
        assertEquals(-2L, delta.changes().get(new CubeCell("referrals", "2022/23", "ethnicity=WBRI")));
        assertEquals(2L, delta.changes().get(new CubeCell("referrals", "2022/23", "ethnicity=MWBC")));
        assertEquals(1L, delta.changes().get(new CubeCell("children-in-need", "2024/25", "ethnic-group=mixed")));
        // totals and other breakdowns do not move
        assertTrue(delta.changes().keySet().stream().allMatch(c -> c.cell().contains("ethnic")), delta::toString);
    }

    @Test
    void anEarlierDatedCorrectionDoesNotWin() {
        List<CaseEvent> events = new ArrayList<>(childX());
        events.add(Ev.details("x6", "2022-05-09").ethnicity("MWBC").build());
        assertEquals(count(childX()), count(events));
    }

    static long get(ChildContribution c, String measure, String fy, String cell) {
        return c.get(new CubeCell(measure, fy, cell));
    }
}
