package org.cscstats.stats.counting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cscstats.contract.AgeBand;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Json;

/**
 * A straightforward batch recount of every published cell from every event ever received, written apart from the
 * engine to cross-check it: its own dedup and retraction, one direct computation per measure with streams and
 * sorting, brute-force loops over years, cell keys written out by hand, and caseload statistics computed over
 * children directly instead of through internal cells.
 *
 * <p>Shared with the engine: only the contract ({@link AgeBand#on}, {@link FinancialYear},
 * {@link CodeLists#ethnicGroup}) and the contract's Jackson mapper underneath canonical JSON; nothing of the
 * {@code counting} package.
 */
final class BatchOracle {
    /** One published cell of one LA. */
    record Key(String la, String measure, String fy, String cell) {
    }

    private static final ObjectMapper JSON = Json.mapper();

    private final FinancialYear current;
    private final Map<Key, Long> cells = new HashMap<>();
    /** la → fy label → worker → children held on 31 March; la → fy label → unallocated children. */
    private final Map<String, Map<String, Map<String, Long>>> workerLoads = new HashMap<>();
    private final Map<String, Map<String, Long>> unallocated = new HashMap<>();

    private BatchOracle(FinancialYear current) {
        this.current = current;
    }

    static Map<Key, Long> count(Collection<CaseEvent> arrivals, FinancialYear current) {
        BatchOracle oracle = new BatchOracle(current);
        effectiveByChild(arrivals).forEach((child, events) -> oracle.countChild(child.get(0), events));
        oracle.publishCaseload();
        return oracle.cells;
    }

    // ---- the set of events: one standing version per (la, child, id), retractions applied ----

    static Map<List<String>, List<CaseEvent>> effectiveByChild(Collection<CaseEvent> arrivals) {
        Map<List<String>, CaseEvent> standing = new HashMap<>();
        for (CaseEvent e : arrivals) {
            standing.merge(List.of(e.la(), e.childId(), e.id()), e,
                    (a, b) -> canonical(a).compareTo(canonical(b)) <= 0 ? a : b);
        }
        Set<List<String>> retracted = standing.values().stream().filter(e -> e.type().equals("retraction"))
                .map(e -> List.of(e.la(), e.childId(), String.valueOf(e.eventId()))).collect(Collectors.toSet());
        return standing.entrySet().stream()
                .filter(en -> !en.getValue().type().equals("retraction") && !retracted.contains(en.getKey()))
                .map(Map.Entry::getValue)
                .collect(Collectors.groupingBy(e -> List.of(e.la(), e.childId())));
    }

    private static String canonical(CaseEvent e) {
        try {
            return JSON.writeValueAsString(sorted(JSON.valueToTree(e)));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (!node.isObject()) {
            return node;
        }
        TreeMap<String, JsonNode> fields = new TreeMap<>();
        node.fields().forEachRemaining(f -> fields.put(f.getKey(), sorted(f.getValue())));
        ObjectNode out = JSON.createObjectNode();
        fields.forEach(out::set);
        return out;
    }

    // ---- one child ----

    private String la;
    private List<CaseEvent> events;
    private String eth;
    private String group;
    private String sex;
    private LocalDate birth;
    private Map<String, CaseEvent> referrals;
    /** The brute-force year loops start at the child's earliest event: nothing is open before it. */
    private int firstYear;

    private void countChild(String la, List<CaseEvent> events) {
        this.la = la;
        this.events = events;
        firstYear = events.stream().map(e -> FinancialYear.of(e.date()).startYear()).min(Integer::compare).orElseThrow();
        eth = latest(c -> c.ethnicity()).orElse("not-stated");
        group = CodeLists.ethnicGroup(eth);
        sex = latest(c -> c.sex()).orElse("unknown");
        birth = latest(c -> c.birthDate() != null ? c.birthDate() : c.expectedBirthDate()).orElse(null);
        referrals = events.stream().filter(e -> e.type().equals("referral"))
                .collect(Collectors.toMap(CaseEvent::referralId, e -> e,
                        (a, b) -> Comparator.comparing(CaseEvent::date).thenComparing(CaseEvent::id).compare(a, b) <= 0
                                ? a : b));
        referrals();
        rereferrals();
        distinctChildren();
        enquiries();
        cpPlans();
        childrenInNeed();
        caseload();
    }

    private <T extends Comparable<? super T>> Optional<T> latest(Function<CaseEvent.Child, T> field) {
        record Rec<T>(LocalDate date, T value) {
        }
        return events.stream().filter(e -> e.child() != null && field.apply(e.child()) != null)
                .map(e -> new Rec<>(e.date(), field.apply(e.child())))
                .max(Comparator.<Rec<T>, LocalDate>comparing(Rec::date).thenComparing(Rec::value))
                .map(Rec::value);
    }

    private List<CaseEvent> scoped(String type) {
        return events.stream().filter(e -> e.type().equals(type) && referrals.containsKey(e.referralId())).toList();
    }

    private List<CaseEvent> on(String referralId) {
        return events.stream().filter(e -> referralId.equals(e.referralId()) && !e.type().equals("referral")).toList();
    }

    private Optional<CaseEvent> closure(String referralId) {
        return on(referralId).stream().filter(e -> e.type().equals("closure"))
                .max(Comparator.comparing(CaseEvent::date).thenComparing(CaseEvent::reason));
    }

    private String age(LocalDate on) {
        return AgeBand.on(birth, on);
    }

    private boolean flowYear(FinancialYear fy) {
        return fy.compareTo(current) <= 0;
    }

    private void add(String measure, FinancialYear fy, String... keys) {
        for (String k : keys) {
            cells.merge(new Key(la, measure, fy.label(), k), 1L, Long::sum);
        }
    }

    // ---- measures ----

    private void referrals() {
        for (CaseEvent r : referrals.values()) {
            FinancialYear fy = FinancialYear.of(r.date());
            if (!flowYear(fy)) {
                continue;
            }
            String a = "age-band=" + age(r.date());
            String e = "ethnicity=" + eth;
            String g = "ethnic-group=" + group;
            String s = "referral-source=" + Objects.requireNonNullElse(r.referralSource(), "10");
            add("referrals", fy, "", e, g, a, "sex=" + sex, s);
            if (on(r.referralId()).stream().anyMatch(x -> x.type().equals("assessment"))) {
                add("referrals-assessed", fy, "", e, g, a);
            }
            String o = "outcome=" + outcome(r.referralId());
            add("referral-outcomes", fy, "", o, e, g, a, s, o + "|" + e, o + "|" + g, o + "|" + a, o + "|" + s);
        }
    }

    private String outcome(String referralId) {
        List<CaseEvent> on = on(referralId);
        Optional<String> closed = closure(referralId).map(CaseEvent::reason);
        if (on.stream().anyMatch(e -> e.type().equals("strategy-discussion") || e.type().equals("section47"))) {
            return "strategy-discussion";
        }
        if (on.stream().anyMatch(e -> (e.type().equals("cin-plan") || e.type().equals("cp-plan"))
                && "start".equals(e.action()))) {
            return "cin-plan";
        }
        if (on.stream().anyMatch(e -> e.type().equals("step-down")) || closed.equals(Optional.of("RC9"))) {
            return "step-down";
        }
        if (on.stream().noneMatch(e -> e.type().equals("assessment"))) {
            return "no-assessment";
        }
        return closed.equals(Optional.of("RC8")) ? "nfa" : "other";
    }

    private Optional<CaseEvent> previous(CaseEvent r) {
        return referrals.values().stream().filter(p -> p.date().isBefore(r.date()))
                .max(Comparator.comparing(CaseEvent::date).thenComparing(CaseEvent::referralId));
    }

    private void rereferrals() {
        for (CaseEvent r : referrals.values()) {
            FinancialYear fy = FinancialYear.of(r.date());
            Optional<CaseEvent> prev = previous(r);
            if (flowYear(fy) && prev.isPresent() && ChronoUnit.DAYS.between(prev.get().date(), r.date()) <= 365) {
                add("rereferrals", fy, "", "ethnicity=" + eth, "ethnic-group=" + group, "age-band=" + age(r.date()));
            }
        }
    }

    /** A qualifying event of a distinct-children measure, with its year, date and event-level code. */
    private record Q(FinancialYear fy, LocalDate date, String code) {
        static Q on(LocalDate date, String code) {
            return new Q(FinancialYear.of(date), date, code);
        }
    }

    private void distinctChildren() {
        String[] ageEth = {"age-band", "ethnicity"};
        first("assessments", scoped("assessment").stream().map(e -> Q.on(e.date(), null)).toList(), ageEth);
        first("early-help-assessments", events.stream().filter(e -> e.type().equals("early-help-assessment"))
                .map(e -> Q.on(e.date(), null)).toList(), ageEth);
        List<CaseEvent> closures = referrals.keySet().stream().map(this::closure).flatMap(Optional::stream).toList();
        first("closures-after-assessment", closures.stream().filter(c -> Set.of("RC8", "RC9").contains(c.reason()))
                .map(c -> Q.on(c.date(), c.reason())).toList(), "age-band", "reason");
        List<Q> afterClosure = new ArrayList<>();
        for (CaseEvent r : referrals.values()) {
            Optional<CaseEvent> prev = previous(r);
            if (prev.isEmpty() || ChronoUnit.DAYS.between(prev.get().date(), r.date()) > 365) {
                continue;
            }
            Optional<CaseEvent> c = closure(prev.get().referralId());
            if (c.isPresent() && Set.of("RC8", "RC9").contains(c.get().reason()) && !c.get().date().isAfter(r.date())) {
                afterClosure.add(Q.on(r.date(), null));
            }
        }
        first("rereferrals-after-closure", afterClosure, "age-band");
        List<Q> stepDowns = new ArrayList<>();
        scoped("step-down").stream().filter(e -> "early-help".equals(e.to())).forEach(e -> stepDowns.add(Q.on(e.date(), null)));
        closures.stream().filter(c -> c.reason().equals("RC9")).forEach(c -> stepDowns.add(Q.on(c.date(), null)));
        first("step-downs", stepDowns, "age-band");
        first("children-in-need-started", referrals.values().stream().map(r -> Q.on(r.date(), null)).toList(),
                "ethnicity", "age-band");
        first("children-in-need-ended", closures.stream().map(c -> Q.on(c.date(), null)).toList(),
                "ethnicity", "age-band");
    }

    /** Per FY, the first qualifying event (date, then code) gives the child's cells. */
    private void first(String measure, List<Q> qualifying, String... dims) {
        Map<FinancialYear, List<Q>> byYear = qualifying.stream().filter(q -> flowYear(q.fy()))
                .collect(Collectors.groupingBy(Q::fy));
        byYear.forEach((fy, qs) -> {
            Q q = qs.stream().min(Comparator.comparing(Q::date)
                    .thenComparing(Q::code, Comparator.nullsFirst(Comparator.naturalOrder()))).orElseThrow();
            emit(measure, fy, q.date(), q.code(), dims);
        });
    }

    /** The total and one cell per dimension; {@code code} is the reason or category. */
    private void emit(String measure, FinancialYear fy, LocalDate ageOn, String code, String... dims) {
        List<String> keys = new ArrayList<>(List.of(""));
        for (String d : dims) {
            switch (d) {
                case "age-band" -> keys.add("age-band=" + age(ageOn));
                case "ethnicity" -> {
                    keys.add("ethnicity=" + eth);
                    keys.add("ethnic-group=" + group);
                }
                case "reason", "category" -> keys.add(d + "=" + code);
                default -> throw new IllegalArgumentException(d);
            }
        }
        add(measure, fy, keys.toArray(String[]::new));
    }

    private void enquiries() {
        Map<List<String>, LocalDate> starts = scoped("section47").stream().filter(e -> e.enquiryId() != null)
                .collect(Collectors.toMap(e -> List.of(e.referralId(), e.enquiryId()), CaseEvent::date,
                        (a, b) -> a.isBefore(b) ? a : b));
        starts.values().stream().filter(d -> flowYear(FinancialYear.of(d)))
                .forEach(d -> emit("section47-enquiries", FinancialYear.of(d), d, null, "ethnicity", "age-band"));
    }

    private record Plan(String referralId, String planId, LocalDate start, String category, LocalDate end) {
    }

    private List<Plan> plans() {
        Map<List<String>, List<CaseEvent>> byPlan = scoped("cp-plan").stream().filter(e -> e.planId() != null)
                .collect(Collectors.groupingBy(e -> List.of(e.referralId(), e.planId())));
        List<Plan> plans = new ArrayList<>();
        byPlan.forEach((id, es) -> es.stream().filter(e -> "start".equals(e.action()) && e.category() != null)
                .min(Comparator.comparing(CaseEvent::date).thenComparing(CaseEvent::id))
                .ifPresent(start -> plans.add(new Plan(id.get(0), id.get(1), start.date(), start.category(),
                        es.stream().filter(e -> "end".equals(e.action()) && !e.date().isBefore(start.date()))
                                .map(CaseEvent::date).max(Comparator.naturalOrder()).orElse(null)))));
        return plans;
    }

    private void cpPlans() {
        List<Plan> plans = plans();
        for (Plan p : plans) {
            if (flowYear(FinancialYear.of(p.start()))) {
                emit("cp-plans-started", FinancialYear.of(p.start()), p.start(), p.category(), "category", "ethnicity",
                        "age-band");
            }
            if (p.end() != null && flowYear(FinancialYear.of(p.end()))) {
                emit("cp-plans-ended", FinancialYear.of(p.end()), p.end(), p.category(), "category", "ethnicity",
                        "age-band");
            }
        }
        for (int y = firstYear; y < current.startYear(); y++) {
            LocalDate march31 = new FinancialYear(y).lastDay();
            plans.stream().filter(p -> !p.start().isAfter(march31) && (p.end() == null || p.end().isAfter(march31)))
                    .min(Comparator.comparing(Plan::start).thenComparing(Plan::planId).thenComparing(Plan::referralId))
                    .ifPresent(p -> emit("cp-plans-open", FinancialYear.of(march31), march31, p.category(),
                            "category", "ethnicity", "age-band"));
        }
    }

    private void childrenInNeed() {
        for (int y = firstYear; y <= current.startYear(); y++) {
            FinancialYear fy = new FinancialYear(y);
            referrals.values().stream()
                    .filter(r -> !r.date().isAfter(fy.lastDay()) && closure(r.referralId())
                            .map(c -> !c.date().isBefore(fy.firstDay())).orElse(true))
                    .map(r -> r.date().isAfter(fy.firstDay()) ? r.date() : fy.firstDay())
                    .min(Comparator.naturalOrder())
                    .ifPresent(d -> emit("children-in-need", fy, d, null, "ethnicity", "age-band"));
        }
    }

    private void caseload() {
        for (int y = firstYear; y < current.startYear(); y++) {
            LocalDate march31 = new FinancialYear(y).lastDay();
            boolean open = referrals.values().stream().anyMatch(r -> !r.date().isAfter(march31)
                    && closure(r.referralId()).map(c -> c.date().isAfter(march31)).orElse(true));
            if (!open) {
                continue;
            }
            Map<String, List<CaseEvent>> byWorker = events.stream().filter(e -> e.type().equals("allocation"))
                    .collect(Collectors.groupingBy(CaseEvent::workerId));
            Set<String> holding = new HashSet<>();
            byWorker.forEach((worker, es) -> es.stream().filter(e -> !e.date().isAfter(march31))
                    .max(Comparator.comparing(CaseEvent::date).thenComparing(e -> e.action().equals("unallocate")))
                    .filter(e -> e.action().equals("allocate")).ifPresent(e -> holding.add(worker)));
            String fy = new FinancialYear(y).label();
            if (holding.isEmpty()) {
                unallocated.computeIfAbsent(la, k -> new HashMap<>()).merge(fy, 1L, Long::sum);
            }
            for (String w : holding) {
                workerLoads.computeIfAbsent(la, k -> new HashMap<>()).computeIfAbsent(fy, k -> new HashMap<>())
                        .merge(w, 1L, Long::sum);
            }
        }
    }

    private void publishCaseload() {
        workerLoads.forEach((la, years) -> years.forEach((fy, loads) -> {
            cells.put(new Key(la, "caseload", fy, "statistic=workers"), (long) loads.size());
            cells.put(new Key(la, "caseload", fy, "statistic=highest"),
                    loads.values().stream().mapToLong(Long::longValue).max().orElse(0));
            cells.put(new Key(la, "caseload", fy, "statistic=allocations"),
                    loads.values().stream().mapToLong(Long::longValue).sum());
        }));
        unallocated.forEach((la, years) -> years.forEach((fy, n) ->
                cells.put(new Key(la, "caseload", fy, "statistic=unallocated"), n)));
    }
}
