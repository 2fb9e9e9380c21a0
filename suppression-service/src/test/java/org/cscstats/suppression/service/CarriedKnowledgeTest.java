package org.cscstats.suppression.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.protect.CubeValues;
import org.cscstats.suppression.protect.Fact;
import org.junit.jupiter.api.Test;

/**
 * The carry-over rule as the protection receives it, worked by hand: referrals of four ethnicities in one year over
 * three earlier releases (0, 1, 2) and today's (3), each known after its release as [1, 4] where small.
 */
class CarriedKnowledgeTest {

    private static final String FY = "2024/25";

    /** Values in releases 0, 1, 2 and today. */
    private static final Map<String, long[]> VALUES = Map.of(
            "WBRI", new long[] {3, 3, 3, 3},  // the same throughout
            "WIRI", new long[] {2, 4, 4, 6},  // grew since every earlier release
            "WOTH", new long[] {5, 5, 7, 4},  // shrank since every earlier release
            "WROM", new long[] {4, 2, 6, 4}); // back at release 0's value, shrunk since release 2

    private final CubeHistory history = history();

    @Test
    void theReleaseBeforeGivesItsIntervalWhereTheSameAndItsLowerBoundWhereGrown() {
        Map<String, Fact> facts = byEthnicity(CarriedKnowledge.onToday(knowledge(2), 2, history));
        assertEquals(List.of("WBRI", "WIRI"), List.copyOf(facts.keySet()), "nothing from a figure that shrank");
        assertEquals(List.of(1L, 4L, 1L), shape(facts.get("WBRI")));
        assertEquals(List.of(1L, Long.MAX_VALUE, 0L), shape(facts.get("WIRI")), "grown past [1, 4]: at least 1");
    }

    @Test
    void anOlderReleaseGivesOnlyItsLowerBoundAndOnlyWhereNotShrunk() {
        Map<String, Fact> facts = byEthnicity(CarriedKnowledge.onToday(knowledge(0), 0, history));
        assertEquals(List.of("WBRI", "WIRI", "WROM"), List.copyOf(facts.keySet()));
        // Unchanged since release 0: still withheld (kept protected), but only "at least 1" carries over.
        assertEquals(List.of(1L, Long.MAX_VALUE, 1L), shape(facts.get("WBRI")));
        assertEquals(List.of(1L, Long.MAX_VALUE, 0L), shape(facts.get("WIRI")));
        // Back at release 0's value after moving: the audit keeps release 0's lower bound, not its upper one.
        assertEquals(List.of(1L, Long.MAX_VALUE, 1L), shape(facts.get("WROM")));
    }

    @Test
    void theReleaseBeforesOwnFiguresKeepAllItsKnowledge() {
        List<Fact> facts = CarriedKnowledge.onItsOwnFigures(knowledge(2));
        assertEquals(4, facts.size());
        for (Fact f : facts) {
            long v = VALUES.get(f.refs().get(0).cellKey().replace("ethnicity=", ""))[2];
            assertEquals(v < 5 ? List.of(1L, 4L, 0L) : List.of(v, v, 0L), shape(f), f.toString());
        }
    }

    /** lo, hi, and 1 if withheld. */
    private static List<Long> shape(Fact f) {
        return List.of(f.lo(), f.hi(), f.withheld() ? 1L : 0L);
    }

    /** After release r: a small figure known as [1, 4], a larger one exactly. */
    private static List<Audit.Knowledge.Figure> knowledge(int r) {
        List<Audit.Knowledge.Figure> out = new ArrayList<>();
        new TreeMap<>(VALUES).forEach((e, v) -> {
            long min = v[r] < 5 ? 1 : v[r];
            long max = v[r] < 5 ? 4 : v[r];
            out.add(new Audit.Knowledge.Figure("referrals", FY, Map.of("ethnicity", e), min, max));
        });
        return out;
    }

    private static CubeHistory history() {
        List<CubeValues> releases = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            Map<String, Long> cells = new TreeMap<>();
            for (Map.Entry<String, long[]> e : VALUES.entrySet()) {
                cells.put("ethnicity=" + e.getKey(), e.getValue()[r]);
            }
            releases.add(new CubeValues(List.of(new Cube("331", "referrals", FY, false, r + 1, cells))));
        }
        return new CubeHistory(releases);
    }

    private static Map<String, Fact> byEthnicity(List<Fact> facts) {
        Map<String, Fact> out = new TreeMap<>();
        for (Fact f : facts) {
            out.put(f.refs().get(0).cellKey().replace("ethnicity=", ""), f);
        }
        return out;
    }
}
