package org.cscstats.local.generator;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Plays out one referral's course, given the outcome it is to have (drawn from Coventry's outcome mix), as
 * the events a case system records: assessment, strategy discussion, section 47, plans, step-down, closure,
 * and the social worker's allocation. Timings follow statutory practice (assessment authorised within 45
 * working days, initial child protection conference within 15 days of a section 47).
 */
final class EpisodeSimulator {
    /** @param closure the closure day (it may lie after the horizon: still open in the data)
     *  @param assessment the last assessment's authorisation day, or {@link ChildRecord#NONE} */
    record Result(long closure, long assessment) {
    }

    /** Share of step-down outcomes recorded as a step-down to early help plus an RC9 closure … */
    private static final double STEP_DOWN_EARLY_HELP = 0.55;
    /** … as an RC9 closure alone (the rest: step-down to another agency, closed RC8). */
    private static final double RC9_ONLY = 0.25;
    /** Stepped-down children whose early help assessment follows. */
    private static final double EARLY_HELP_AFTER_STEP_DOWN = 0.6;
    private static final double SECTION47_AFTER_STRATEGY = 0.75;
    private static final double CP_PLAN_AFTER_SECTION47 = 0.45;
    private static final double CIN_PLAN_AFTER_CP_PLAN = 0.5;
    private static final double CIN_PLAN_AFTER_STRATEGY = 0.35;
    /** Share of "other" outcomes that stay open a long time (closed 300–900 days later). */
    private static final double OTHER_LONG_OPEN = 0.2;
    private static final double NEVER_ALLOCATED = 0.002;
    private static final double REALLOCATION = 0.25;

    /** A referral closed without assessment: mostly "services ceased", some recorded RC8 anyway. */
    private static final Weighted<String> NO_ASSESSMENT_REASON = Weighted.of("RC7", 85, "RC8", 15);
    /** Closing an episode after its plans ended. */
    private static final Weighted<String> AFTER_PLAN_REASON = Weighted.of(
            "RC7", 850, "RC5", 50, "RC3", 40, "RC4", 30, "RC6", 20, "RC1", 5, "RC2", 5);
    /** Closing an assessed episode with no plan and no step-down (outcome "other"). */
    private static final Weighted<String> OTHER_REASON = Weighted.of(
            "RC7", 55, "RC5", 20, "RC3", 10, "RC4", 7, "RC6", 5, "RC1", 2, "RC2", 1);

    private final SplittableRandom rng;
    private final ChildEvents events;
    private final ChildRecord child;
    private final List<String> workers;
    private final LongConsumer earlyHelp;
    private int entities;
    private long lastAssessment;

    EpisodeSimulator(SplittableRandom rng, ChildEvents events, ChildRecord child, List<String> workers,
                     LongConsumer earlyHelp) {
        this.rng = rng;
        this.events = events;
        this.child = child;
        this.workers = workers;
        this.earlyHelp = earlyHelp;
    }

    /** Records the episode of the referral made on day {@code r} (already recorded) and returns how it ended. */
    Result run(long r, Outcome outcome) {
        lastAssessment = ChildRecord.NONE;
        long closure = switch (outcome) {
            case NO_ASSESSMENT -> close(r + rng.nextInt(11), NO_ASSESSMENT_REASON.pick(rng));
            case NFA -> close(assess(r) + rng.nextInt(15), "RC8");
            case STEP_DOWN -> stepDown(assess(r) + rng.nextInt(15));
            case CIN_PLAN -> close(cinPlan(assess(r) + rng.nextInt(15), 90, 450) + rng.nextInt(22),
                    AFTER_PLAN_REASON);
            case STRATEGY_DISCUSSION -> strategyDiscussion(r);
            case OTHER -> other(assess(r));
        };
        allocate(r, closure);
        return new Result(closure, lastAssessment);
    }

    private long assess(long r) {
        long start = r + rng.nextInt(4);
        long authorised = start + 5 + rng.nextInt(36);
        int n = ++entities;
        if (events.inEpisode(authorised)) { // ids and factors only for what is recorded: most is not, in warm-up
            events.assessment(authorised, start, events.entityId("A", n), factors());
        }
        lastAssessment = authorised;
        return authorised;
    }

    /** 1–4 factors of code list D; sometimes "21" (no factors) alone, sometimes none listed. */
    private List<String> factors() {
        double u = rng.nextDouble();
        if (u < 0.08) {
            return List.of("21");
        }
        if (u < 0.18) {
            return null;
        }
        String a = Calibration.FACTOR.pick(rng);
        int n = 1 + rng.nextInt(4);
        if (n == 1) {
            return List.of(a);
        }
        String b = Calibration.FACTOR.pick(rng);
        if (n == 2 || b.equals(a)) {
            return b.equals(a) ? List.of(a) : List.of(a, b);
        }
        String c = Calibration.FACTOR.pick(rng);
        return c.equals(a) || c.equals(b) ? List.of(a, b) : List.of(a, b, c);
    }

    private long close(long day, String reason) {
        events.closure(day, reason);
        return day;
    }

    private long stepDown(long day) {
        double u = rng.nextDouble();
        if (u < STEP_DOWN_EARLY_HELP) {
            events.stepDown(day, "early-help");
            long closed = close(day + rng.nextInt(8), "RC9");
            if (rng.nextDouble() < EARLY_HELP_AFTER_STEP_DOWN) {
                earlyHelp.accept(day + 7 + rng.nextInt(54));
            }
            return closed;
        }
        if (u < STEP_DOWN_EARLY_HELP + RC9_ONLY) {
            long closed = close(day, "RC9");
            if (rng.nextDouble() < EARLY_HELP_AFTER_STEP_DOWN) {
                earlyHelp.accept(day + 7 + rng.nextInt(54));
            }
            return closed;
        }
        events.stepDown(day, "other-agency");
        return close(day + rng.nextInt(8), "RC8");
    }

    /** A CIN plan from {@code start} lasting {@code minDays}..{@code maxDays}; returns its end day. */
    private long cinPlan(long start, int minDays, int maxDays) {
        int n = ++entities;
        long end = start + minDays + rng.nextInt(maxDays - minDays + 1);
        if (events.inEpisode(start)) {
            String planId = events.entityId("P", n);
            events.cinPlan(start, planId, "start");
            events.cinPlan(end, planId, "end");
        }
        return end;
    }

    private long strategyDiscussion(long r) {
        long held = r + rng.nextInt(6);
        events.strategyDiscussion(held);
        long last = held;
        long enquiry = ChildRecord.NONE;
        if (rng.nextDouble() < SECTION47_AFTER_STRATEGY) {
            enquiry = held + rng.nextInt(3);
            int n = ++entities;
            if (events.inEpisode(enquiry)) {
                events.section47(enquiry, events.entityId("S", n));
            }
            last = enquiry;
        }
        if (rng.nextDouble() < 0.95) {
            last = Math.max(last, assess(r));
        }
        if (enquiry != ChildRecord.NONE && rng.nextDouble() < CP_PLAN_AFTER_SECTION47) {
            long conference = enquiry + 10 + rng.nextInt(6);
            int n = ++entities;
            long end = conference + 90 + rng.nextInt(631);
            String category = Calibration.CP_CATEGORY.pick(rng);
            if (events.inEpisode(conference)) {
                String planId = events.entityId("P", n);
                events.cpPlan(conference, planId, "start", category);
                events.cpPlan(end, planId, "end", null);
            }
            last = rng.nextDouble() < CIN_PLAN_AFTER_CP_PLAN ? cinPlan(end, 90, 270) : end;
            return close(last + rng.nextInt(22), AFTER_PLAN_REASON);
        }
        if (rng.nextDouble() < CIN_PLAN_AFTER_STRATEGY) {
            return close(cinPlan(last + rng.nextInt(15), 90, 365) + rng.nextInt(22), AFTER_PLAN_REASON);
        }
        return close(last + rng.nextInt(15), "RC8");
    }

    private long other(long assessed) {
        if (rng.nextDouble() < OTHER_LONG_OPEN) {
            return close(assessed + 300 + rng.nextInt(601), "RC7");
        }
        return close(assessed + rng.nextInt(61), OTHER_REASON);
    }

    /** Closes with a reason that fits the child's age then: adoption for young children, adult care at 17. */
    private long close(long day, Weighted<String> reasons) {
        String reason = reasons.pick(rng);
        if (reason.equals("RC1") && child.ageOn(day) >= 10 || reason.equals("RC6") && child.ageOn(day) < 17) {
            reason = "RC7";
        }
        return close(day, reason);
    }

    private void allocate(long r, long closure) {
        if (rng.nextDouble() < NEVER_ALLOCATED) {
            return;
        }
        double u = rng.nextDouble();
        long allocated = r + (u < 0.75 ? 0 : u < 0.97 ? 1 : 2 + rng.nextInt(9));
        if (allocated >= closure) {
            return; // closed before anyone was allocated
        }
        int worker = rng.nextInt(workers.size());
        events.allocation(allocated, workers.get(worker), "allocate");
        if (closure - allocated > 120 && workers.size() > 1 && rng.nextDouble() < REALLOCATION) {
            // a hand-over to another worker (the same one would end unallocated: same day, unallocate last)
            long handover = allocated + 30 + rng.nextLong(closure - allocated - 60);
            events.allocation(handover, workers.get(worker), "unallocate");
            worker = (worker + 1 + rng.nextInt(workers.size() - 1)) % workers.size();
            events.allocation(handover, workers.get(worker), "allocate");
        }
        events.allocation(closure, workers.get(worker), "unallocate");
    }
}
