package org.cscstats.stats.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;
import org.cscstats.stats.YearTurnHistories;
import org.cscstats.stats.counting.Aggregates;
import org.cscstats.stats.counting.CubeCell;
import org.cscstats.stats.counting.CubeDelta;
import org.cscstats.stats.counting.InMemoryEngine;
import org.cscstats.stats.model.ChildKey;
import org.cscstats.stats.model.ChildState;
import org.cscstats.stats.repository.CubeRepository.CubeCellDelta;
import org.cscstats.stats.service.YearTurn.Action;
import org.cscstats.stats.model.RecountProgress;
import org.junit.jupiter.api.Test;

class YearTurnTest {
    private static final FinancialYear Y = new FinancialYear(2023);
    private static final FinancialYear NEXT = Y.next();
    private final CountingEngine engine = new CountingEngine();

    @Test
    void decidesFromTheCountedYearAndTheRecountUnderWay() {
        RecountProgress toNext = new RecountProgress(NEXT, new ChildKey("331", "k4"));
        assertEquals(Action.NOTHING, YearTurn.decide(Y, null, Y));
        assertEquals(Action.START, YearTurn.decide(Y, null, NEXT));
        assertEquals(Action.START, YearTurn.decide(null, null, Y), "never recorded: recount to be sure");
        assertEquals(Action.START, YearTurn.decide(NEXT, null, Y), "a clock set back is followed too");
        assertEquals(Action.CONTINUE, YearTurn.decide(Y, toNext, NEXT));
        assertEquals(Action.CONTINUE, YearTurn.decide(Y, new RecountProgress(NEXT, null), NEXT), "crashed before its first page");
        assertEquals(Action.RESTART, YearTurn.decide(Y, toNext, NEXT.next()), "the year moved again mid-way");
    }

    @Test
    void republishesEveryYearWhosePartialFlagOrSnapshotsMayChange() {
        assertEquals(List.of("2023/24", "2024/25"), YearTurn.yearsToRepublish(Y, NEXT));
        assertEquals(List.of("2023/24", "2024/25"), YearTurn.yearsToRepublish(NEXT, Y));
        assertEquals(List.of("2023/24", "2024/25"), YearTurn.yearsToRepublish(null, NEXT));
        assertEquals(List.of("2022/23", "2023/24", "2024/25"), YearTurn.yearsToRepublish(new FinancialYear(2022), NEXT));
    }

    @Test
    void pagesRecountedToTheNewYearGiveTheFreshCountOfThatYearAndRepeatingThemChangesNothing() {
        List<CaseEvent> events = new ArrayList<>(YearTurnHistories.upTo("331", 0, 60, LocalDate.of(2024, 3, 31), 1));
        events.addAll(YearTurnHistories.upTo("856", 0, 25, LocalDate.of(2024, 3, 20), 2));

        // the service's state counted in year Y: children (in key order, as stored) and aggregates
        Map<ChildKey, List<CaseEvent>> byChild = new TreeMap<>(
                java.util.Comparator.comparing(ChildKey::la).thenComparing(ChildKey::childId));
        events.forEach(e -> byChild.computeIfAbsent(new ChildKey(e.la(), e.childId()), k -> new ArrayList<>()).add(e));
        List<ChildState> stored = new ArrayList<>();
        Aggregates aggregates = new Aggregates();
        byChild.forEach((key, evs) -> {
            ChildState s = engine.recount(ChildState.empty(key), evs, Y);
            stored.add(s);
            aggregates.apply(key.la(), CubeDelta.between(org.cscstats.stats.counting.ChildContribution.EMPTY,
                    org.cscstats.stats.counting.ChildContribution.ofCells(s.contribution())));
        });
        assertAggregatesEqual(fresh(events, Y), aggregates);
        assertFalse(sameAggregates(fresh(events, Y), fresh(events, NEXT)), "the turn must change something");

        // recount in pages of 7, the way the job does
        List<ChildState> after = new ArrayList<>();
        int changed = 0;
        for (int i = 0; i < stored.size(); i += 7) {
            YearTurn.Page page = YearTurn.recount(engine, stored.subList(i, Math.min(stored.size(), i + 7)), NEXT);
            apply(aggregates, page.deltas());
            changed += page.changed().size();
            Map<ChildKey, ChildState> byKey = new HashMap<>();
            page.changed().forEach(s -> byKey.put(s.key(), s));
            stored.subList(i, Math.min(stored.size(), i + 7)).forEach(s -> after.add(byKey.getOrDefault(s.key(), s)));
        }
        assertTrue(changed > 0 && changed <= stored.size());
        assertAggregatesEqual(fresh(events, NEXT), aggregates);

        // a page done again (a resumed run repeating the page in flight at a crash) changes nothing
        YearTurn.Page again = YearTurn.recount(engine, after, NEXT);
        assertTrue(again.changed().isEmpty());
        assertTrue(again.deltas().isEmpty());
    }

    private static InMemoryEngine fresh(List<CaseEvent> events, FinancialYear year) {
        InMemoryEngine engine = new InMemoryEngine(year);
        events.forEach(engine::accept);
        return engine;
    }

    private static void apply(Aggregates aggregates, Map<CubeCellDelta, Long> deltas) {
        Map<String, Map<CubeCell, Long>> byLa = new LinkedHashMap<>();
        deltas.forEach((d, v) -> byLa.computeIfAbsent(d.la(), k -> new HashMap<>())
                .put(new CubeCell(d.measure(), d.fy(), d.cell()), v));
        byLa.forEach((la, changes) -> aggregates.apply(la, new CubeDelta(changes)));
    }

    private static void assertAggregatesEqual(InMemoryEngine expected, Aggregates actual) {
        assertEquals(snapshot(expected.aggregates()), snapshot(actual));
    }

    private static boolean sameAggregates(InMemoryEngine a, InMemoryEngine b) {
        return snapshot(a.aggregates()).equals(snapshot(b.aggregates()));
    }

    private static Map<String, Map<String, Long>> snapshot(Aggregates aggregates) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String la : aggregates.las()) {
            aggregates.cubes(la).forEach(c -> out.put(la + "|" + c.measure() + "|" + c.fy(),
                    new TreeMap<>(aggregates.cells(la, c))));
        }
        return out;
    }
}
