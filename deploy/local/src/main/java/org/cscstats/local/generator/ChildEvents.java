package org.cscstats.local.generator;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.EventType;

/**
 * Builds one child's {@link CaseEvent}s, numbers them, and hands those that fall inside the period to
 * {@link Delivery}. Nothing is dated after the horizon (it has not happened yet), and a referral outside the
 * period drops with every event of its episode (history before the system went live, or after the period).
 * Each method returns the event's id, or null when the event is not recorded.
 */
final class ChildEvents {
    private final Delivery delivery;
    private final SplittableRandom deliveryRng;
    private final String la;
    private final String source;
    private final long childNo;
    private String childId;
    private final long from;
    private final long referralEnd;
    private final long horizon;
    private int seq;
    private String referralId;
    private boolean recording;
    private boolean referred;
    private boolean sentNotObtained;
    private boolean sentExpectedBirth;

    /** @param childNo the child's number in its LA; its id is built only if an event is recorded */
    ChildEvents(Delivery delivery, SplittableRandom deliveryRng, String la, String source, long childNo,
                long from, long referralEnd, long horizon) {
        this.delivery = delivery;
        this.deliveryRng = deliveryRng;
        this.la = la;
        this.source = source;
        this.childNo = childNo;
        this.from = from;
        this.referralEnd = referralEnd;
        this.horizon = horizon;
    }

    /** The LA's identifier for the child (as an LA's case system might number them). */
    String childId() {
        if (childId == null) {
            childId = "C" + (1_000_000 + childNo);
        }
        return childId;
    }

    /**
     * Starts a referral's episode: its events carry the referral id {@code childId-{kind}{k}}, and are kept only
     * if the referral is in the period.
     */
    void beginEpisode(String kind, int k, long referralDay) {
        recording = referralDay >= from && referralDay <= referralEnd;
        referralId = recording ? childId() + "-" + kind + k : null;
    }

    /** The id of the child's entity (assessment, plan, enquiry…) number {@code n} of a kind. */
    String entityId(String kind, int n) {
        return childId() + "-" + kind + n;
    }

    /** Is an event of the current episode on this day recorded? */
    boolean inEpisode(long day) {
        return recording && day <= horizon;
    }

    /** Has a referral of this child been recorded yet (in generation order)? */
    boolean referred() {
        return referred;
    }

    /** Has an ethnicity "NOBT" (not yet obtained) been recorded for the child? */
    boolean sentNotObtained() {
        return sentNotObtained;
    }

    /** Has an expected birth date been recorded for the child? */
    boolean sentExpectedBirth() {
        return sentExpectedBirth;
    }

    /** Is a child-scoped event on this day recorded? */
    boolean inPeriod(long day) {
        return day >= from && day <= horizon;
    }

    String referral(long day, String referralSource, CaseEvent.Child child) {
        if (!inEpisode(day)) {
            return null;
        }
        referred = true;
        return send(day, episodeEvent(EventType.REFERRAL, day).referralSource(referralSource).child(child).build());
    }

    String childDetails(long day, CaseEvent.Child child) {
        if (!inPeriod(day)) {
            return null;
        }
        return send(day, event(EventType.CHILD_DETAILS, day).child(child).build());
    }

    String assessment(long day, long startDay, String assessmentId, List<String> factors) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, episodeEvent(EventType.ASSESSMENT, day).assessmentId(assessmentId)
                .startDate(date(startDay)).factors(factors).build());
    }

    String strategyDiscussion(long day) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, episodeEvent(EventType.STRATEGY_DISCUSSION, day).build());
    }

    String section47(long day, String enquiryId) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, episodeEvent(EventType.SECTION47, day).enquiryId(enquiryId).build());
    }

    String cinPlan(long day, String planId, String action) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, episodeEvent(EventType.CIN_PLAN, day).planId(planId).action(action).build());
    }

    /** @param category on start only */
    String cpPlan(long day, String planId, String action, String category) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, episodeEvent(EventType.CP_PLAN, day).planId(planId).action(action).category(category).build());
    }

    String stepDown(long day, String to) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, episodeEvent(EventType.STEP_DOWN, day).to(to).build());
    }

    String closure(long day, String reason) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, episodeEvent(EventType.CLOSURE, day).reason(reason).build());
    }

    /** Child-scoped, but only recorded while the current episode is (allocations belong to an episode). */
    String allocation(long day, String workerId, String action) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, event(EventType.ALLOCATION, day).action(action).workerId(workerId).build());
    }

    String earlyHelpAssessment(long day, String assessmentId, CaseEvent.Child child) {
        if (!inPeriod(day)) {
            return null;
        }
        return send(day, event(EventType.EARLY_HELP_ASSESSMENT, day).child(child).assessmentId(assessmentId).build());
    }

    String retraction(long day, String eventId) {
        if (!inPeriod(day)) {
            return null;
        }
        return send(day, event(EventType.RETRACTION, day).eventId(eventId).build());
    }

    /** An event of the child with its next id, dated {@code day}. */
    private CaseEvent.Builder event(EventType type, long day) {
        return CaseEvent.builder().id(nextId()).type(type).la(la).childId(childId()).date(date(day)).source(source);
    }

    /** An event of the current episode: one of the child's, carrying the referral id. */
    private CaseEvent.Builder episodeEvent(EventType type, long day) {
        return event(type, day).referralId(referralId);
    }

    private String nextId() {
        return childId() + "-" + (++seq);
    }

    private String send(long day, CaseEvent event) {
        if (event.child() != null) {
            sentNotObtained |= "NOBT".equals(event.child().ethnicity());
            sentExpectedBirth |= event.child().expectedBirthDate() != null;
        }
        delivery.schedule(event, day, deliveryRng);
        return event.id();
    }

    private static LocalDate date(long day) {
        return LocalDate.ofEpochDay(day);
    }
}
