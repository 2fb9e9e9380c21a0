package org.cscstats.stats.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;
import org.junit.jupiter.api.Test;

/** Deltas, aggregates, the engine's flow and which cubes exist. */
class AggregatesTest {
    private static final CubeCell TOTAL = new CubeCell("referrals", "2022/23", "");
    private static final CubeCell WBRI = new CubeCell("referrals", "2022/23", "ethnicity=WBRI");
    private static final CubeCell MWBC = new CubeCell("referrals", "2022/23", "ethnicity=MWBC");

    @Test
    void aDeltaHoldsOnlyNonZeroDifferences() {
        ChildContribution before = ChildContribution.ofCells(Map.of(TOTAL, 1L, WBRI, 1L));
        ChildContribution after = ChildContribution.ofCells(Map.of(TOTAL, 1L, MWBC, 1L));
        CubeDelta delta = CubeDelta.between(before, after);
        assertEquals(Map.of(WBRI, -1L, MWBC, 1L), delta.changes());
        assertEquals(Set.of(new CubeId("referrals", "2022/23")), delta.cubes());
        assertTrue(CubeDelta.between(after, after).isEmpty());
    }

    @Test
    void aggregatesSumDeltasAndDropZeros() {
        Aggregates a = new Aggregates();
        a.apply("331", CubeDelta.between(ChildContribution.EMPTY, ChildContribution.ofCells(Map.of(TOTAL, 1L, WBRI, 1L))));
        a.apply("331", CubeDelta.between(ChildContribution.EMPTY, ChildContribution.ofCells(Map.of(TOTAL, 1L, MWBC, 1L))));
        a.apply("856", CubeDelta.between(ChildContribution.EMPTY, ChildContribution.ofCells(Map.of(TOTAL, 1L))));
        CubeId cube = new CubeId("referrals", "2022/23");
        assertEquals(Map.of("", 2L, "ethnicity=WBRI", 1L, "ethnicity=MWBC", 1L), a.cells("331", cube));
        a.apply("331", CubeDelta.between(ChildContribution.ofCells(Map.of(TOTAL, 1L, WBRI, 1L)), ChildContribution.EMPTY));
        assertEquals(Map.of("", 1L, "ethnicity=MWBC", 1L), a.cells("331", cube));
        assertEquals(Map.of("", 1L), a.cells("856", cube));
        assertEquals(Set.of("331", "856"), a.las());
    }

    @Test
    void aDeltaThatWouldMakeACellNegativeIsRefusedWhole() {
        Aggregates a = new Aggregates();
        a.apply("331", new CubeDelta(Map.of(TOTAL, 1L)));
        assertThrows(IllegalStateException.class, () -> a.apply("331", new CubeDelta(Map.of(TOTAL, 1L, WBRI, -1L))));
        assertEquals(Map.of("", 1L), a.cells("331", TOTAL.cube()));
    }

    @Test
    void theEngineAppliesDifferencesAndTurnsTheYear() {
        List<CaseEvent> events = List.of(Ev.referral("e1", "R1", "2023-05-01", "1A").build(),
                Ev.cpStart("e2", "R1", "2023-06-01", "p", "NEG"));
        InMemoryEngine engine = new InMemoryEngine(new FinancialYear(2023));
        events.forEach(engine::accept);
        assertTrue(engine.accept(events.get(0)).isEmpty());
        assertEquals(Map.of(), engine.aggregates().cells("331", new CubeId("cp-plans-open", "2023/24")));
        engine.advanceTo(new FinancialYear(2024));
        InMemoryEngine fresh = new InMemoryEngine(new FinancialYear(2024));
        events.forEach(fresh::accept);
        for (CubeId cube : fresh.aggregates().cubes("331")) {
            assertEquals(fresh.aggregates().cells("331", cube), engine.aggregates().cells("331", cube));
        }
        assertEquals(engine.aggregates().cubes("331"), fresh.aggregates().cubes("331"));
        assertEquals(1L, engine.aggregates().cells("331", new CubeId("cp-plans-open", "2023/24")).get(""));
    }

    @Test
    void cubesExistFromTheFirstReferralYearSnapshotsForCompletedYearsOnly() {
        FinancialYear current = new FinancialYear(2023);
        List<CubeYears.CubeYear> cubes = CubeYears.existing(
                Set.of(new FinancialYear(2021), new FinancialYear(2019), new FinancialYear(2025)), current);
        assertEquals(5 * Measure.values().length - 2, cubes.size());
        assertEquals(new CubeYears.CubeYear(Measure.REFERRALS, new FinancialYear(2019), false), cubes.get(0));
        assertTrue(cubes.contains(new CubeYears.CubeYear(Measure.CASELOAD, new FinancialYear(2022), false)));
        assertTrue(cubes.contains(new CubeYears.CubeYear(Measure.REFERRALS, current, true)));
        assertTrue(cubes.stream().noneMatch(c -> c.fy().equals(current) && c.measure().snapshot()));
        assertTrue(CubeYears.existing(Set.of(), current).isEmpty());
        for (Measure m : Measure.values()) {
            for (int y = 2017; y <= 2025; y++) {
                FinancialYear fy = new FinancialYear(y);
                assertEquals(cubes.contains(new CubeYears.CubeYear(m, fy, fy.equals(current))),
                        CubeYears.exists(m, fy, new FinancialYear(2019), current), m + " " + fy);
            }
        }
        assertEquals(new CubeId("cp-plans-open", "2019/20"), cubes.stream()
                .filter(c -> c.measure() == Measure.CP_PLANS_OPEN).findFirst().orElseThrow().id());
    }
}
