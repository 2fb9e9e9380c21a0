package org.cscstats.stats.counting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.EventType;

/**
 * One referral of a child and what its events say, gathered in one pass. Its defining event is the earliest
 * {@code referral} event with its id (then the smaller event id); events on a referral with no referral event
 * are never added, which is how "counts once its referral has arrived" holds.
 */
final class Referral {
    /** Referrals in date order, then by id: the previous referral of one is the last before its date group. */
    static final Comparator<Referral> BY_DATE = Comparator.comparing(Referral::date).thenComparing(Referral::id);

    /** Used when a referral lacks a source (the contract requires one): {@code 10} Unknown keeps sums whole. */
    static final String UNKNOWN_SOURCE = "10";

    private final String id;
    private CaseEvent definition;
    private boolean assessed;
    private boolean strategy;
    private boolean planStarted;
    private boolean steppedDown;
    private Closure closure;
    /** enquiryId → earliest start; planId → start and end so far. Created on first use: most referrals have none. */
    private Map<String, LocalDate> enquiries;
    private Map<String, PlanEvents> plans;

    Referral(String id, CaseEvent definition) {
        this.id = id;
        this.definition = definition;
    }

    String id() {
        return id;
    }

    LocalDate date() {
        return definition.date();
    }

    String source() {
        return definition.referralSource() == null ? UNKNOWN_SOURCE : definition.referralSource();
    }

    boolean assessed() {
        return assessed;
    }

    Closure closure() {
        return closure;
    }

    /** Another {@code referral} event with this id: the earliest (date, then smaller event id) defines it. */
    void offerDefinition(CaseEvent e) {
        int c = e.date().compareTo(definition.date());
        if (c < 0 || (c == 0 && e.id().compareTo(definition.id()) < 0)) {
            definition = e;
        }
    }

    /** A referral-scoped event on this referral, other than a {@code referral} event. */
    void add(CaseEvent e, EventType type) {
        switch (type) {
            case ASSESSMENT -> assessed = true;
            case STRATEGY_DISCUSSION -> strategy = true;
            case SECTION47 -> {
                strategy = true;
                if (e.enquiryId() != null) {
                    if (enquiries == null) {
                        enquiries = new HashMap<>();
                    }
                    enquiries.merge(e.enquiryId(), e.date(), (a, b) -> a.isBefore(b) ? a : b);
                }
            }
            case CIN_PLAN -> planStarted |= "start".equals(e.action());
            case CP_PLAN -> {
                planStarted |= "start".equals(e.action());
                if (e.planId() != null) {
                    if (plans == null) {
                        plans = new HashMap<>();
                    }
                    plans.computeIfAbsent(e.planId(), k -> new PlanEvents()).add(e);
                }
            }
            case STEP_DOWN -> steppedDown = true;
            case CLOSURE -> {
                if (e.reason() != null) {
                    closure = new Closure(e.date(), e.reason()).orLater(closure);
                }
            }
            case REFERRAL, CHILD_DETAILS, EARLY_HELP_ASSESSMENT, ALLOCATION, RETRACTION -> {
                // not referral-scoped: never added to a referral
            }
        }
    }

    /** The one outcome of {@code docs/measures.md} › Referral outcome: the first that applies. */
    String outcome() {
        if (strategy) {
            return "strategy-discussion";
        }
        if (planStarted) {
            return "cin-plan";
        }
        if (steppedDown || (closure != null && Closure.EARLY_HELP.equals(closure.reason()))) {
            return "step-down";
        }
        if (!assessed) {
            return "no-assessment";
        }
        if (closure != null && Closure.NFA.equals(closure.reason())) {
            return "nfa";
        }
        return "other";
    }

    Map<String, LocalDate> enquiries() {
        return enquiries == null ? Map.of() : enquiries;
    }

    /** The referral's CP plans: those with a start (with a category); an end before the start is ignored. */
    List<CpPlan> cpPlans() {
        if (plans == null) {
            return List.of();
        }
        List<CpPlan> out = new ArrayList<>(plans.size());
        plans.forEach((planId, p) -> {
            if (p.start != null) {
                LocalDate end = p.lastEnd != null && !p.lastEnd.isBefore(p.start.date()) ? p.lastEnd : null;
                out.add(new CpPlan(id, planId, p.start.date(), p.start.category(), end));
            }
        });
        return out;
    }

    /**
     * One plan's events: the earliest start (then smaller event id) defines it and its category; the latest end
     * is the only one that can end it (if it is before the start, so is every other end).
     */
    private static final class PlanEvents {
        CaseEvent start;
        LocalDate lastEnd;

        void add(CaseEvent e) {
            if ("start".equals(e.action()) && e.category() != null) {
                if (start == null || e.date().isBefore(start.date())
                        || (e.date().equals(start.date()) && e.id().compareTo(start.id()) < 0)) {
                    start = e;
                }
            } else if ("end".equals(e.action()) && (lastEnd == null || e.date().isAfter(lastEnd))) {
                lastEnd = e.date();
            }
        }
    }
}
