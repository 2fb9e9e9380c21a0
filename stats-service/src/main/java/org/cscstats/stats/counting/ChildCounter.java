package org.cscstats.stats.counting;

import static org.cscstats.contract.Measure.ASSESSMENTS;
import static org.cscstats.contract.Measure.CASELOAD;
import static org.cscstats.contract.Measure.CHILDREN_IN_NEED;
import static org.cscstats.contract.Measure.CHILDREN_IN_NEED_ENDED;
import static org.cscstats.contract.Measure.CHILDREN_IN_NEED_STARTED;
import static org.cscstats.contract.Measure.CLOSURES_AFTER_ASSESSMENT;
import static org.cscstats.contract.Measure.CP_PLANS_ENDED;
import static org.cscstats.contract.Measure.CP_PLANS_OPEN;
import static org.cscstats.contract.Measure.CP_PLANS_STARTED;
import static org.cscstats.contract.Measure.EARLY_HELP_ASSESSMENTS;
import static org.cscstats.contract.Measure.REFERRALS;
import static org.cscstats.contract.Measure.REFERRALS_ASSESSED;
import static org.cscstats.contract.Measure.REFERRAL_OUTCOMES;
import static org.cscstats.contract.Measure.REREFERRALS;
import static org.cscstats.contract.Measure.REREFERRALS_AFTER_CLOSURE;
import static org.cscstats.contract.Measure.SECTION47_ENQUIRIES;
import static org.cscstats.contract.Measure.STEP_DOWNS;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.EventType;
import org.cscstats.contract.FinancialYear;
import org.cscstats.contract.Measure;

/**
 * Counts one child's effective events into cells, every measure of {@code docs/measures.md} in one pass over the
 * events plus one over the child's referrals. Linear in the history apart from sorting referrals and
 * allocations, and the years an open episode or plan spans.
 */
final class ChildCounter {
    private static final int REREFERRAL_DAYS = 365;

    private final FinancialYear current;
    private final Characteristics child;
    private final CellWriter out;

    private final FirstInYear assessed = new FirstInYear();
    private final FirstInYear earlyHelp = new FirstInYear();
    private final FirstInYear closedAfterAssessment = new FirstInYear();
    private final FirstInYear rereferredAfterClosure = new FirstInYear();
    private final FirstInYear steppedDown = new FirstInYear();
    private final FirstInYear inNeed = new FirstInYear();
    private final FirstInYear inNeedStarted = new FirstInYear();
    private final FirstInYear inNeedEnded = new FirstInYear();
    /** Completed FY → the earliest-started CP plan open on its 31 March. */
    private final Map<FinancialYear, CpPlan> openPlan = new HashMap<>(8);
    /** Completed FYs on whose 31 March the child has an open episode (the caseload population), ascending. */
    private final TreeSet<FinancialYear> openAtYearEnd = new TreeSet<>();

    private ChildCounter(FinancialYear current, Characteristics child) {
        this.current = current;
        this.child = child;
        this.out = new CellWriter(child);
    }

    static Map<CubeCell, Long> count(List<CaseEvent> events, FinancialYear current) {
        ChildCounter counter = new ChildCounter(current, Characteristics.of(events));
        counter.run(events);
        return counter.out.counts();
    }

    private void run(List<CaseEvent> events) {
        Map<String, Referral> referrals = referrals(events);
        List<CaseEvent> allocations = new ArrayList<>();
        for (CaseEvent e : events) {
            // ingest accepts only the types of the contract; anything else in a stored history counts nowhere
            EventType type = EventType.fromWire(e.type()).orElse(null);
            if (type == null) {
                continue;
            }
            switch (type) {
                case REFERRAL, CHILD_DETAILS, RETRACTION -> {
                }
                case EARLY_HELP_ASSESSMENT -> offerFlow(earlyHelp, e.date(), null);
                case ALLOCATION -> allocations.add(e);
                case ASSESSMENT, STRATEGY_DISCUSSION, SECTION47, CIN_PLAN, CP_PLAN, STEP_DOWN, CLOSURE -> {
                    // referral-scoped: counts only if its referral has arrived
                    Referral r = e.referralId() == null ? null : referrals.get(e.referralId());
                    if (r == null) {
                        continue;
                    }
                    r.add(e, type);
                    if (type == EventType.ASSESSMENT) {
                        offerFlow(assessed, e.date(), null);
                    } else if (type == EventType.STEP_DOWN && "early-help".equals(e.to())) {
                        offerFlow(steppedDown, e.date(), null);
                    }
                }
            }
        }
        List<Referral> sorted = new ArrayList<>(referrals.values());
        sorted.sort(Referral.BY_DATE);
        countReferrals(sorted);
        for (Referral r : sorted) {
            countEpisode(r);
            countEnquiriesAndPlans(r);
        }
        countCaseload(allocations);
        emitFirsts();
    }

    private static Map<String, Referral> referrals(List<CaseEvent> events) {
        Map<String, Referral> referrals = new HashMap<>();
        for (CaseEvent e : events) {
            if (EventType.REFERRAL.wire().equals(e.type()) && e.referralId() != null) {
                Referral r = referrals.get(e.referralId());
                if (r == null) {
                    referrals.put(e.referralId(), new Referral(e.referralId(), e));
                } else {
                    r.offerDefinition(e);
                }
            }
        }
        return referrals;
    }

    /** Referral counts, and what depends on the previous referral. {@code sorted} is in {@link Referral#BY_DATE}. */
    private void countReferrals(List<Referral> sorted) {
        int dayStart = 0;
        for (int i = 0; i < sorted.size(); i++) {
            Referral r = sorted.get(i);
            if (i > 0 && !sorted.get(i - 1).date().equals(r.date())) {
                dayStart = i;
            }
            FinancialYear fy = FinancialYear.of(r.date());
            if (fy.compareTo(current) > 0) {
                break;
            }
            // previous referral: latest earlier date, and on that day the greatest referralId (sorted last)
            Referral previous = dayStart > 0 ? sorted.get(dayStart - 1) : null;
            String age = child.ageBand(r.date());
            out.count(REFERRALS, fy, new Row(age, r.source(), null, null, null));
            out.count(REFERRAL_OUTCOMES, fy, new Row(age, r.source(), r.outcome(), null, null));
            if (r.assessed()) {
                out.count(REFERRALS_ASSESSED, fy, Row.age(age));
            }
            inNeedStarted.offer(fy, r.date(), null);
            if (previous != null && ChronoUnit.DAYS.between(previous.date(), r.date()) <= REREFERRAL_DAYS) {
                out.count(REREFERRALS, fy, Row.age(age));
                Closure c = previous.closure();
                if (c != null && c.afterAssessment() && !c.date().isAfter(r.date())) {
                    rereferredAfterClosure.offer(fy, r.date(), null);
                }
            }
        }
    }

    /** The referral's episode: closure measures, and the years it is open (children in need, caseload). */
    private void countEpisode(Referral r) {
        Closure c = r.closure();
        if (c != null) {
            FinancialYear fy = FinancialYear.of(c.date());
            if (fy.compareTo(current) <= 0) {
                inNeedEnded.offer(fy, c.date(), null);
                if (c.afterAssessment()) {
                    closedAfterAssessment.offer(fy, c.date(), c.reason());
                }
                if (Closure.EARLY_HELP.equals(c.reason())) {
                    steppedDown.offer(fy, c.date(), null);
                }
            }
        }
        // open on some day of fy: referral on or before 31 March and no closure before 1 April
        FinancialYear last = c == null ? current : min(current, FinancialYear.of(c.date()));
        for (FinancialYear fy = FinancialYear.of(r.date()); fy.compareTo(last) <= 0; fy = fy.next()) {
            LocalDate firstDay = fy.firstDay();
            inNeed.offer(fy, r.date().isAfter(firstDay) ? r.date() : firstDay, null);
            // open on 31 March: a snapshot, so not closed on or before it (as for CP plans)
            if (fy.compareTo(current) < 0 && (c == null || c.date().isAfter(fy.lastDay()))) {
                openAtYearEnd.add(fy);
            }
        }
    }

    private void countEnquiriesAndPlans(Referral r) {
        r.enquiries().forEach((enquiryId, start) -> countFlow(SECTION47_ENQUIRIES, start, null));
        for (CpPlan plan : r.cpPlans()) {
            countFlow(CP_PLANS_STARTED, plan.start(), plan.category());
            if (plan.end() != null) {
                countFlow(CP_PLANS_ENDED, plan.end(), plan.category());
            }
            FinancialYear last = plan.end() == null ? current : min(current, FinancialYear.of(plan.end()));
            for (FinancialYear fy = FinancialYear.of(plan.start());
                    fy.compareTo(last) <= 0 && fy.compareTo(current) < 0; fy = fy.next()) {
                if (plan.openOn(fy.lastDay())) {
                    openPlan.merge(fy, plan,
                            (a, b) -> CpPlan.EARLIEST_STARTED.compare(a, b) <= 0 ? a : b);
                }
            }
        }
    }

    private void countCaseload(List<CaseEvent> allocations) {
        if (openAtYearEnd.isEmpty()) {
            return;
        }
        List<FinancialYear> years = new ArrayList<>(openAtYearEnd);
        List<LocalDate> days = new ArrayList<>(years.size());
        for (FinancialYear fy : years) {
            days.add(fy.lastDay());
        }
        List<List<String>> workers = Allocations.workersAt(allocations, days);
        for (int k = 0; k < years.size(); k++) {
            if (workers.get(k).isEmpty()) {
                out.countCell(CASELOAD, years.get(k), CaseloadStatistics.UNALLOCATED);
            }
            for (String worker : workers.get(k)) {
                out.countCell(CASELOAD, years.get(k), CaseloadStatistics.workerCell(worker));
            }
        }
    }

    private void emitFirsts() {
        emit(ASSESSMENTS, assessed);
        emit(EARLY_HELP_ASSESSMENTS, earlyHelp);
        emit(CLOSURES_AFTER_ASSESSMENT, closedAfterAssessment);
        emit(REREFERRALS_AFTER_CLOSURE, rereferredAfterClosure);
        emit(STEP_DOWNS, steppedDown);
        emit(CHILDREN_IN_NEED, inNeed);
        emit(CHILDREN_IN_NEED_STARTED, inNeedStarted);
        emit(CHILDREN_IN_NEED_ENDED, inNeedEnded);
        openPlan.forEach((fy, plan) -> out.count(CP_PLANS_OPEN, fy,
                new Row(child.ageBand(fy.lastDay()), null, null, null, plan.category())));
    }

    /** The first's code is the closure reason: the only distinct-children measure with a code of its own. */
    private void emit(Measure measure, FirstInYear firsts) {
        firsts.forEach((fy, first) -> out.count(measure, fy,
                new Row(child.ageBand(first.date()), null, null, first.code(), null)));
    }

    private void offerFlow(FirstInYear firsts, LocalDate date, String code) {
        FinancialYear fy = FinancialYear.of(date);
        if (fy.compareTo(current) <= 0) {
            firsts.offer(fy, date, code);
        }
    }

    /** One counted entity (enquiry, plan start or end) dated {@code date}. */
    private void countFlow(Measure measure, LocalDate date, String category) {
        FinancialYear fy = FinancialYear.of(date);
        if (fy.compareTo(current) <= 0) {
            out.count(measure, fy, new Row(child.ageBand(date), null, null, null, category));
        }
    }

    private static FinancialYear min(FinancialYear a, FinancialYear b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
