package org.cscstats.local.generator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.EventType;
import org.cscstats.contract.FinancialYear;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CaseHistoryGeneratorTest {
    /** Coventry, 2021/22–2023/24, default messiness: generated once, shared by the calibration tests. */
    private static final GeneratorConfig COVENTRY = GeneratorConfig.defaults();
    private static List<CaseEvent> coventry;
    private static Figures figures;

    @BeforeAll
    static void generateCoventry() {
        coventry = new CaseHistoryGenerator(COVENTRY).toList();
        figures = new Figures(coventry);
    }

    @Test
    void sameSeedAndConfigGiveTheSameBytes() {
        GeneratorConfig config = COVENTRY.withLas(3).withReferralsPerLaPerYear(400).withYears(2022, 2024);
        byte[] first = ndjson(config);
        byte[] second = ndjson(config);
        assertTrue(first.length > 100_000, "a sizeable output");
        assertArrayEquals(first, second);
        assertFalse(Arrays.equals(first, ndjson(config.withSeed(43))), "another seed, other events");
    }

    @Test
    void theStreamIsTheListAndRestartsOnEveryPass() {
        CaseHistoryGenerator g = new CaseHistoryGenerator(COVENTRY.withLas(2).withReferralsPerLaPerYear(300));
        List<CaseEvent> list = g.toList();
        assertEquals(list, g.stream().toList());
        assertEquals(list.size(), g.forEach(e -> { }));
    }

    @Test
    void everyEventMeetsTheContract() {
        // today in the middle of a year: the last year is partial and cases are still open
        LocalDate today = LocalDate.of(2024, 2, 10);
        GeneratorConfig config = COVENTRY.withLas(3).withReferralsPerLaPerYear(1500).withYears(2021, 2023)
                .withToday(today).withMessiness(new Messiness(0.03, 0.02, 0.1, 7, 0.2, 0.05));
        List<CaseEvent> events = new CaseHistoryGenerator(config).toList();
        ContractChecker checker = new ContractChecker(today);
        checker.checkAll(events);
        assertEquals(List.of(), checker.problems());
        assertEquals(Set.of("331", "856", "201"), events.stream().map(CaseEvent::la).collect(Collectors.toSet()));
        Set<String> types = events.stream().map(CaseEvent::type).collect(Collectors.toSet());
        assertEquals(Arrays.stream(EventType.values()).map(EventType::wire).collect(Collectors.toSet()), types);
        assertTrue(events.stream().anyMatch(e -> e.child() != null && e.child().expectedBirthDate() != null),
                "unborn children");
        assertTrue(events.stream().allMatch(e -> !e.date().isAfter(today)));
    }

    @Test
    void coventryContractToo() {
        ContractChecker checker = new ContractChecker(COVENTRY.today());
        checker.checkAll(coventry);
        assertEquals(List.of(), checker.problems());
    }

    @Test
    void referralsPerYearAreCoventrysFiveThousand() {
        for (int y = COVENTRY.fromYear(); y <= COVENTRY.toYear(); y++) {
            int n = figures.referralsIn(new FinancialYear(y)).size();
            assertTrue(Math.abs(n - 5000) <= 500, y + ": " + n + " referrals");
        }
    }

    @Test
    void ethnicityMixIsCoventrys() {
        List<Figures.Referral> all = figures.referrals;
        Map<String, Double> shares = shares(all, r -> figures.ethnicityOf(r.childId()));
        for (String code : Calibration.ETHNICITY.items()) {
            double expected = Calibration.ETHNICITY.share(code);
            double actual = shares.getOrDefault(code, 0.0);
            assertTrue(Math.abs(actual - expected) < 0.01 + expected * 0.15,
                    code + ": " + actual + " vs FOI " + expected);
        }
    }

    @Test
    void assessedShareAndOutcomeMixAreCoventrys() {
        List<Figures.Referral> all = figures.referrals;
        double assessed = all.stream().filter(Figures.Referral::assessed).count() / (double) all.size();
        assertTrue(assessed >= 0.85 && assessed <= 0.95, "assessed " + assessed);
        // FOI633495667 q5, three years pooled
        Map<String, Double> foi = Map.of("no-assessment", 0.081, "nfa", 0.526, "step-down", 0.040,
                "cin-plan", 0.254, "strategy-discussion", 0.018, "other", 0.081);
        Map<String, Double> shares = shares(all, Figures.Referral::outcome);
        foi.forEach((outcome, expected) -> assertTrue(
                Math.abs(shares.getOrDefault(outcome, 0.0) - expected) < 0.005 + expected * 0.1,
                outcome + ": " + shares.get(outcome) + " vs FOI " + expected));
        // the outcome mix varies by ethnicity as the FOI's does: NOBT referrals are far less often assessed
        double nobtUnassessed = all.stream().filter(r -> figures.ethnicityOf(r.childId()).equals("NOBT"))
                .mapToDouble(r -> r.assessed() ? 0 : 1).average().orElse(0);
        assertTrue(nobtUnassessed > 0.12, "NOBT not assessed " + nobtUnassessed);
    }

    @Test
    void ageBandsReRefferalsAndFollowUpMeasuresArePlausible() {
        Map<String, Double> ages = shares(figures.referrals, r -> figures.ageBand(r.childId(), r.date()));
        assertTrue(ages.get("10-15") > 0.3 && ages.get("10-15") < 0.4, "10-15 " + ages);
        assertTrue(ages.get("0-4") > 0.2 && ages.get("16+") > 0.08 && ages.get("unborn") > 0.005, ages.toString());
        FinancialYear second = new FinancialYear(2022);
        FinancialYear third = new FinancialYear(2023);
        for (FinancialYear fy : List.of(second, third)) {
            double rate = figures.rereferrals().get(fy) / (double) figures.referralsIn(fy).size();
            assertTrue(rate > 0.15 && rate < 0.25, fy + " re-referrals " + rate);
            int earlyHelp = figures.childrenWith(fy, "early-help-assessment", null);
            assertTrue(earlyHelp > 1100 && earlyHelp < 2100, fy + " early help " + earlyHelp);
            int closed = figures.childrenWith(fy, "closure", Set.of("RC8", "RC9"));
            assertTrue(closed > 1600 && closed < 3000, fy + " RC8/RC9 children " + closed);
            int stepDowns = figures.childrenWith(fy, "step-down", null);
            assertTrue(stepDowns > 50 && stepDowns < 300, fy + " step-downs " + stepDowns);
            int[] caseload = figures.caseload(fy);
            double mean = (caseload[0] - caseload[3]) / (double) caseload[1];
            assertTrue(mean > 13 && mean < 21, fy + " mean caseload " + mean);
            assertTrue(caseload[2] < 40 && caseload[3] < 40, fy + " highest/unallocated " + Arrays.toString(caseload));
        }
    }

    @Test
    void messinessRatesAreRoughlyAsConfigured() {
        Messiness m = new Messiness(0.03, 0.02, 0.1, 7, 0.2, 0.05);
        List<CaseEvent> events = new CaseHistoryGenerator(COVENTRY.withYears(2022, 2022).withMessiness(m)).toList();
        Figures f = new Figures(events);
        int unique = events.size() - f.duplicates;
        assertNear("duplicates", f.duplicates / (double) unique, m.duplicateRate());

        // late: delivered after something dated 30+ days later had already been sent (first copies only)
        Set<String> seen = new HashSet<>();
        long late = 0;
        long outOfOrder = 0;
        LocalDate latest = LocalDate.of(1900, 1, 1);
        for (CaseEvent e : events) {
            if (!seen.add(e.id())) {
                continue;
            }
            if (e.date().isBefore(latest.minusDays(Delivery.LATE_MIN_DAYS - 1))) {
                late++;
            } else if (e.date().isBefore(latest)) {
                outOfOrder++;
            }
            latest = e.date().isAfter(latest) ? e.date() : latest;
        }
        assertNear("late", late / (double) unique, m.lateRate());
        // an event sent 1–7 days late arrives after later-dated ones unless nothing happened meanwhile
        assertTrue(outOfOrder / (double) unique > m.outOfOrderRate() * 0.6, "out of order " + outOfOrder);

        long referrals = events.stream().filter(e -> e.type().equals("referral")).map(CaseEvent::id).distinct().count();
        assertNear("retractions", f.retractions / (double) referrals, m.retractionRate());

        // children first recorded NOBT and then corrected by a child-details
        Map<String, List<CaseEvent>> byChild = events.stream().filter(e -> e.child() != null)
                .collect(Collectors.groupingBy(CaseEvent::childId));
        long referred = events.stream().filter(e -> e.type().equals("referral")).map(CaseEvent::childId).distinct().count();
        long corrected = byChild.values().stream().filter(es -> {
            List<CaseEvent> sorted = es.stream().sorted(Comparator.comparing(CaseEvent::date)).toList();
            return "NOBT".equals(sorted.get(0).child().ethnicity()) && sorted.stream().anyMatch(e ->
                    e.type().equals("child-details") && e.child().ethnicity() != null && !e.child().ethnicity().equals("NOBT"));
        }).count();
        // children whose true ethnicity is known (~97%) and whose first event falls in the period (most)
        assertNear("corrections", corrected / (double) referred, m.ethnicityCorrectionRate() * 0.9);
    }

    @Test
    void messinessLeavesTheStoryAlone() {
        GeneratorConfig clean = COVENTRY.withReferralsPerLaPerYear(1500).withMessiness(Messiness.NONE);
        Figures tidy = new Figures(new CaseHistoryGenerator(clean).toList());
        Figures messy = new Figures(new CaseHistoryGenerator(clean.withMessiness(
                new Messiness(0.05, 0.05, 0.2, 7, 0.3, 0.05))).toList());
        assertEquals(0, tidy.duplicates);
        assertEquals(0, tidy.retractions);
        assertTrue(messy.duplicates > 0 && messy.retractions > 0);
        assertEquals(new TreeSet<>(tidy.referrals.stream().map(Record::toString).toList()),
                new TreeSet<>(messy.referrals.stream().map(Record::toString).toList()));
        assertEquals(Map.of(), difference(tidy.ethnicity, messy.ethnicity));
        assertEquals(Map.of(), difference(tidy.birth, messy.birth));
    }

    @Test
    void memoryHoldsOnlyOneLasPendingEvents() {
        GeneratorConfig config = COVENTRY.withMessiness(Messiness.NONE);
        LaEventSource source = new LaEventSource(LocalAuthorities.profiles(config).get(0), config);
        int maxPending = 0;
        long n = 0;
        while (source.hasNext()) {
            source.next();
            n++;
            maxPending = Math.max(maxPending, source.pending());
        }
        // a few months of events wait in the queue while each child's future is known; never the whole output
        assertTrue(maxPending < n / 3, maxPending + " pending of " + n);
    }

    @Test
    void lasVaryInSizeAroundTheNationalMean() {
        GeneratorConfig national = COVENTRY.withLas(LocalAuthorities.CODES.size()).withYears(2023, 2023);
        List<LaProfile> las = LocalAuthorities.profiles(national);
        double total = las.stream().mapToDouble(l -> l.referralsPerYear().get(0)).sum();
        assertTrue(Math.abs(total - 658_000) < 20_000, "national referrals " + total);
        assertEquals("331", las.get(0).code());
        assertEquals(5000, las.get(0).referralsPerYear().get(0), 250);
        double max = las.stream().mapToDouble(l -> l.referralsPerYear().get(0)).max().orElseThrow();
        assertTrue(max > 10_000 && max < 25_000, "largest LA " + max);
        assertEquals(las.size(), las.stream().map(LaProfile::code).distinct().count());
        assertTrue(las.stream().allMatch(l -> l.code().matches("\\d{3}")));
        double coventryWorkers = las.get(0).workers().size();
        assertTrue(coventryWorkers > 70 && coventryWorkers < 110, "Coventry workers " + coventryWorkers);
    }

    /** The entries where two maps differ (kept short for the failure message). */
    private static <V> Map<String, String> difference(Map<String, V> a, Map<String, V> b) {
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys.stream().filter(k -> !java.util.Objects.equals(a.get(k), b.get(k))).limit(10)
                .collect(Collectors.toMap(k -> k, k -> a.get(k) + " ≠ " + b.get(k)));
    }

    private static void assertNear(String what, double actual, double expected) {
        assertTrue(Math.abs(actual - expected) <= expected * 0.25, what + ": " + actual + " vs configured " + expected);
    }

    private static <T> Map<String, Double> shares(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key,
                Collectors.collectingAndThen(Collectors.counting(), c -> c / (double) items.size())));
    }

    private static byte[] ndjson(GeneratorConfig config) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (NdjsonWriter w = new NdjsonWriter(out)) {
            new CaseHistoryGenerator(config).forEach(w::write);
        }
        return out.toByteArray();
    }
}
