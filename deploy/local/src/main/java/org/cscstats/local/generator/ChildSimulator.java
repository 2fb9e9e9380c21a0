package org.cscstats.local.generator;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.cscstats.contract.CaseEvent;

/**
 * One child's whole history: who the child is, an early help assessment perhaps, a first referral and, with
 * {@link #REREFERRAL} probability after each closure, another. Three random streams per child: the story
 * (what happens), the delivery (when it is sent) and the mess (recording errors and late ethnicity), so
 * changing the messiness never changes the story.
 */
final class ChildSimulator {
    /** Chance of another referral after an episode closes; with {@link #gapAfterClosure} ~20% of referrals are
     *  re-referrals within 12 months, and ~11% follow an RC8/RC9 closure within 12 months (Coventry: 500–600). */
    static final double REREFERRAL = 0.36;
    /** Referrals per chain: what turns an LA's referrals per year into chains per day. Measured over 40 LAs ×
     *  10 years: 1 / (1 − {@link #REREFERRAL}) = 1.5625, less the re-referrals lost as children turn 18. */
    static final double REFERRALS_PER_CHAIN = 1.509;
    /** Referred children who had an early help assessment first (and are then referred by early help, 5D). */
    static final double EARLY_HELP_FIRST = 0.12;
    /** Children with early help only, per referral: with step-downs this gives Coventry's ~0.3 per referral. */
    static final double EARLY_HELP_ONLY_PER_REFERRAL = 0.2;
    private static final double SECOND_EARLY_HELP = 0.1;
    private static final double EARLY_HELP_WITH_CHILD = 0.8;
    private static final int ERRONEOUS_KINDS = 8;

    private final LaContext ctx;
    private final SplittableRandom story;
    private final SplittableRandom mess;
    private final ChildEvents events;
    private ChildRecord child;
    private int earlyHelps;

    ChildSimulator(LaContext ctx, long childNo) {
        this.ctx = ctx;
        long childSeed = Seeds.mix(ctx.laSeed(), childNo);
        this.story = new SplittableRandom(Seeds.mix(childSeed, 1));
        this.mess = new SplittableRandom(Seeds.mix(childSeed, 3));
        this.events = new ChildEvents(ctx.delivery(), new SplittableRandom(Seeds.mix(childSeed, 2)),
                ctx.la().code(), ctx.la().source(), childNo, ctx.from(), ctx.referralEnd(), ctx.horizon());
    }

    /** A child whose first event, on {@code start}, is a referral or an early help assessment leading to one. */
    void referralChain(long start) {
        boolean earlyHelpFirst = story.nextDouble() < EARLY_HELP_FIRST;
        long r = earlyHelpFirst ? start + 20 + story.nextInt(181) : start;
        String ethnicity = Calibration.ETHNICITY.pick(story);
        child = newChild(Calibration.REFERRAL_AGE_BAND.pick(story), start, r, ethnicity, true);
        if (earlyHelpFirst) {
            earlyHelp(start);
        }
        String source = earlyHelpFirst ? "5D" : Calibration.REFERRAL_SOURCE.pick(story);
        Weighted<Outcome> outcomes = Calibration.OUTCOME_BY_ETHNICITY.get(ethnicity);
        EpisodeSimulator episodes = new EpisodeSimulator(story, events, child, ctx.la().workers(),
                this::earlyHelpAfterStepDown);
        long eighteenth = child.eighteenth();
        for (int k = 1; r <= ctx.referralEnd() && (k == 1 || r < eighteenth); k++) {
            events.beginEpisode("R", k, r);
            events.referral(r, source, child.on(r));
            EpisodeSimulator.Result result = episodes.run(r, outcomes.pick(story));
            if (mess.nextDouble() < ctx.messiness().retractionRate()) {
                erroneousEvent(k, r, result);
            }
            if (story.nextDouble() >= REREFERRAL) {
                break;
            }
            r = result.closure() + gapAfterClosure();
            source = Calibration.REFERRAL_SOURCE.pick(story);
        }
        recordDetailChanges();
    }

    /** A child who only ever has early help (most early help never reaches social care). */
    void earlyHelpChain(long start) {
        child = newChild(Calibration.EARLY_HELP_AGE_BAND.pick(story), start, start, Calibration.ETHNICITY.pick(story),
                false);
        earlyHelp(start);
        if (story.nextDouble() < SECOND_EARLY_HELP) {
            earlyHelp(start + 200 + story.nextInt(301));
        }
    }

    /** Early help after a step-down: only for a child referred in the period (not one from before it). */
    private void earlyHelpAfterStepDown(long day) {
        if (events.referred()) {
            earlyHelp(day);
        }
    }

    private void earlyHelp(long day) {
        CaseEvent.Child details = story.nextDouble() < EARLY_HELP_WITH_CHILD ? child.on(day) : null;
        int n = ++earlyHelps;
        if (events.inPeriod(day)) {
            events.earlyHelpAssessment(day, events.entityId("EH", n), details);
        }
    }

    /** Mostly soon after the closure (a re-referral within the year), otherwise up to two years on. */
    private long gapAfterClosure() {
        return story.nextDouble() < 0.75 ? 1 + story.nextInt(300) : 301 + story.nextInt(430);
    }

    /**
     * @param band        age band on the child's first event (a child referred unborn is expected after the referral)
     * @param firstDay    the child's first event (a late ethnicity is corrected some weeks after it)
     * @param referral    the first referral's day
     * @param correctable whether the mess may record the ethnicity late (referred children only)
     */
    private ChildRecord newChild(String band, long firstDay, long referral, String ethnicity, boolean correctable) {
        long birth;
        long expected = ChildRecord.NONE;
        long birthRecorded = ChildRecord.NONE;
        if (band.equals("unborn")) {
            expected = referral + 20 + story.nextInt(161);
            birth = Math.max(referral + 1, expected - 21 + story.nextInt(36));
            birthRecorded = birth + story.nextInt(15);
        } else {
            int low = switch (band) {
                case "0-4" -> 0;
                case "5-9" -> 5;
                case "10-15" -> 10;
                default -> 16;
            };
            int high = switch (band) {
                case "0-4" -> 4;
                case "5-9" -> 9;
                case "10-15" -> 15;
                default -> 17;
            };
            int age = low + story.nextInt(high - low + 1);
            birth = LocalDate.ofEpochDay(firstDay).minusYears(age).minusDays(story.nextInt(365)).toEpochDay();
        }
        String sex = Calibration.SEX.pick(story);
        long ethnicityRecorded = ChildRecord.NONE;
        boolean known = !ethnicity.equals("NOBT") && !ethnicity.equals(Calibration.NOT_STATED);
        if (correctable && known && mess.nextDouble() < ctx.messiness().ethnicityCorrectionRate()) {
            ethnicityRecorded = firstDay + 3 + mess.nextInt(118);
        }
        return new ChildRecord(birth, expected, birthRecorded, sex, ethnicity, ethnicityRecorded);
    }

    /** The child-details updates that complete what was recorded provisionally: an unborn child's birth, a
     *  "not yet obtained" ethnicity (only if such a value went out: a child from before the period is not in the
     *  data, and a child whose ethnicity was never sent needs no correction). */
    private void recordDetailChanges() {
        if (child.birthRecorded() != ChildRecord.NONE && events.sentExpectedBirth()) {
            events.childDetails(child.birthRecorded(), child.on(child.birthRecorded()));
        }
        if (child.ethnicityRecorded() != ChildRecord.NONE && events.sentNotObtained()) {
            events.childDetails(child.ethnicityRecorded(), child.on(child.ethnicityRecorded()));
        }
    }

    /** One event of this episode recorded in error, and its retraction a few weeks later. Its ids are its own
     *  ("-X…"), so the story's ids do not shift with the messiness. */
    private void erroneousEvent(int k, long r, EpisodeSimulator.Result result) {
        if (!events.inEpisode(r)) {
            return; // an episode outside the period is not in the data, nor are its errors
        }
        long end = Math.max(r, Math.min(result.closure(), ctx.horizon()));
        long day = r + mess.nextLong(end - r + 1);
        String id = switch (mess.nextInt(ERRONEOUS_KINDS)) {
            case 0 -> events.assessment(day, day, events.entityId("XA", k), List.of("21"));
            case 1 -> events.closure(Math.max(day, result.assessment()), "RC2");
            case 2 -> events.strategyDiscussion(day);
            case 3 -> events.stepDown(day, "early-help");
            case 4 -> events.cpPlan(day, events.entityId("XP", k), "start", "NEG");
            case 5 -> events.allocation(day, ctx.la().workers().get(mess.nextInt(ctx.la().workers().size())), "allocate");
            case 6 -> {
                // a referral keyed to the wrong child: its own referral id, nothing else follows
                events.beginEpisode("X", k, day);
                yield events.referral(day, Calibration.REFERRAL_SOURCE.pick(mess), child.on(day));
            }
            default -> {
                CaseEvent.Child right = child.on(day);
                String wrong = "WBRI".equals(right.ethnicity()) ? "WIRI" : "WBRI";
                yield events.childDetails(day, new CaseEvent.Child(right.birthDate(), right.expectedBirthDate(),
                        right.sex(), wrong));
            }
        };
        if (id != null) {
            events.retraction(Math.min(ctx.horizon(), day + mess.nextInt(31)), id);
        }
    }
}
