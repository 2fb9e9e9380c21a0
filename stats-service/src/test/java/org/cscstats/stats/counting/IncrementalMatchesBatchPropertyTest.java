package org.cscstats.stats.counting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.IntRange;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;

/**
 * Events fed one by one, in a random order, into the incremental engine (per child: add to history, recount,
 * apply the delta) give exactly the cells of an independent batch recount ({@link BatchOracle}) of the final
 * set, for every LA, measure, year and cell; and the aggregates keep the relations readers know. The two sides
 * share only the contract module (age bands, financial years, code lists) and Jackson; the oracle reimplements
 * dedup, retraction and every measure (see {@link BatchOracle}), so a disagreement points at a counting rule as
 * well as at the incremental bookkeeping.
 */
class IncrementalMatchesBatchPropertyTest {

    @Provide
    Arbitrary<List<List<Integer>>> genes() {
        // uniform: the decoding takes remainders, which jqwik's default bias towards small numbers would skew
        return Arbitraries.integers().between(0, 9999).withDistribution(RandomDistribution.uniform())
                .list().ofSize(RandomHistories.GENE_LENGTH)
                .list().ofMinSize(1).ofMaxSize(100);
    }

    @Property(tries = 200)
    void incrementalEqualsBatch(@ForAll("genes") List<List<Integer>> genes, @ForAll long shuffleSeed,
                                @ForAll @IntRange(min = 2022, max = 2024) int currentStart) {
        FinancialYear current = new FinancialYear(currentStart);
        List<CaseEvent> arrivals = new ArrayList<>(RandomHistories.arrivals(genes));
        Collections.shuffle(arrivals, new Random(shuffleSeed));

        InMemoryEngine engine = new InMemoryEngine(current);
        arrivals.forEach(engine::accept);

        Map<BatchOracle.Key, Long> expected = BatchOracle.count(arrivals, current);
        expected.values().removeIf(v -> v == 0);
        assertEquals(new TreeMap<>(asText(expected)), new TreeMap<>(asText(published(engine))),
                () -> "arrivals:\n" + arrivals.stream().map(Object::toString).collect(Collectors.joining("\n")));
        checkRelations(engine.aggregates());
    }

    /** Every non-zero published cell of the engine's aggregates. */
    private static Map<BatchOracle.Key, Long> published(InMemoryEngine engine) {
        Map<BatchOracle.Key, Long> out = new HashMap<>();
        Aggregates a = engine.aggregates();
        for (String la : a.las()) {
            for (CubeId cube : a.cubes(la)) {
                a.published(la, cube).forEach((cell, v) -> {
                    if (v != 0) {
                        out.put(new BatchOracle.Key(la, cube.measure(), cube.fy(), cell), v);
                    }
                });
            }
        }
        return out;
    }

    private static Map<String, Long> asText(Map<BatchOracle.Key, Long> cells) {
        Map<String, Long> out = new HashMap<>();
        cells.forEach((k, v) -> out.put(k.la() + " " + k.measure() + " " + k.fy() + " [" + k.cell() + "]", v));
        return out;
    }

    /** Relations 1–3 of {@code docs/measures.md} › Relations a reader knows: breakdowns sum to totals, outcomes to referrals, assessed bounds. */
    private static void checkRelations(Aggregates a) {
        for (String la : a.las()) {
            for (CubeId cube : a.cubes(la)) {
                Measure m = Measure.byId(cube.measure());
                if (m == Measure.CASELOAD) {
                    continue;
                }
                Map<String, Long> cells = a.cells(la, cube);
                long total = cells.getOrDefault(CellKey.TOTAL, 0L);
                for (List<Dimension> b : m.breakdowns()) {
                    if (b.isEmpty()) {
                        continue;
                    }
                    long sum = cells.entrySet().stream()
                            .filter(e -> dims(e.getKey()).equals(b.stream().map(Dimension::id).toList()))
                            .mapToLong(Map.Entry::getValue).sum();
                    assertEquals(total, sum, la + " " + cube + " by " + b);
                }
            }
            for (CubeId cube : a.cubes(la)) {
                if (!cube.measure().equals("referrals")) {
                    continue;
                }
                Map<String, Long> referrals = a.cells(la, cube);
                Map<String, Long> outcomes = a.cells(la, new CubeId("referral-outcomes", cube.fy()));
                Map<String, Long> assessed = a.cells(la, new CubeId("referrals-assessed", cube.fy()));
                for (String cell : referrals.keySet()) {
                    if (cell.startsWith("sex=")) {
                        continue;
                    }
                    long sumOutcomes = outcomes.entrySet().stream().filter(e -> cell.isEmpty()
                            ? e.getKey().startsWith("outcome=") && !e.getKey().contains("|")
                            : e.getKey().startsWith("outcome=") && e.getKey().endsWith("|" + cell))
                            .mapToLong(Map.Entry::getValue).sum();
                    assertEquals(referrals.get(cell), sumOutcomes, la + " " + cube.fy() + " outcomes of " + cell);
                    if (cell.startsWith("referral-source=")) {
                        continue;
                    }
                    String prefix = cell.isEmpty() ? "" : "|" + cell;
                    long as = assessed.getOrDefault(cell, 0L);
                    long none = outcomes.getOrDefault("outcome=no-assessment" + prefix, 0L);
                    long nfa = outcomes.getOrDefault("outcome=nfa" + prefix, 0L);
                    long other = outcomes.getOrDefault("outcome=other" + prefix, 0L);
                    assertTrue(as <= referrals.get(cell) - none && as >= nfa + other,
                            la + " " + cube.fy() + " assessed bounds for " + cell);
                }
            }
        }
    }

    private static List<String> dims(String cellKey) {
        return new ArrayList<>(CellKey.parse(cellKey).keySet());
    }
}
