package org.cscstats.local.generator;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.cscstats.contract.CaseEvent;

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
    private final String childId;
    private final long from;
    private final long referralEnd;
    private final long horizon;
    private int seq;
    private String referralId;
    private boolean recording;
    private boolean referred;

    ChildEvents(Delivery delivery, SplittableRandom deliveryRng, String la, String source, String childId,
                long from, long referralEnd, long horizon) {
        this.delivery = delivery;
        this.deliveryRng = deliveryRng;
        this.la = la;
        this.source = source;
        this.childId = childId;
        this.from = from;
        this.referralEnd = referralEnd;
        this.horizon = horizon;
    }

    String childId() {
        return childId;
    }

    /** Starts a referral's episode: its events carry this referral id, and are kept only if it is in the period. */
    void beginEpisode(String id, long referralDay) {
        referralId = id;
        recording = referralDay >= from && referralDay <= referralEnd;
    }

    /** Is an event of the current episode on this day recorded? */
    boolean inEpisode(long day) {
        return recording && day <= horizon;
    }

    /** Has a referral of this child been recorded yet (in generation order)? */
    boolean referred() {
        return referred;
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
        return send(day, new CaseEvent(nextId(), "referral", la, childId, referralId, date(day), source,
                referralSource, child, null, null, null, null, null, null, null, null, null, null, null));
    }

    String childDetails(long day, CaseEvent.Child child) {
        if (!inPeriod(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "child-details", la, childId, null, date(day), source,
                null, child, null, null, null, null, null, null, null, null, null, null, null));
    }

    String assessment(long day, long startDay, String assessmentId, List<String> factors) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "assessment", la, childId, referralId, date(day), source,
                null, null, assessmentId, date(startDay), factors, null, null, null, null, null, null, null, null));
    }

    String strategyDiscussion(long day) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "strategy-discussion", la, childId, referralId, date(day), source,
                null, null, null, null, null, null, null, null, null, null, null, null, null));
    }

    String section47(long day, String enquiryId) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "section47", la, childId, referralId, date(day), source,
                null, null, null, null, null, enquiryId, null, null, null, null, null, null, null));
    }

    String cinPlan(long day, String planId, String action) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "cin-plan", la, childId, referralId, date(day), source,
                null, null, null, null, null, null, planId, action, null, null, null, null, null));
    }

    /** @param category on start only */
    String cpPlan(long day, String planId, String action, String category) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "cp-plan", la, childId, referralId, date(day), source,
                null, null, null, null, null, null, planId, action, category, null, null, null, null));
    }

    String stepDown(long day, String to) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "step-down", la, childId, referralId, date(day), source,
                null, null, null, null, null, null, null, null, null, to, null, null, null));
    }

    String closure(long day, String reason) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "closure", la, childId, referralId, date(day), source,
                null, null, null, null, null, null, null, null, null, null, reason, null, null));
    }

    /** Child-scoped, but only recorded while the current episode is (allocations belong to an episode). */
    String allocation(long day, String workerId, String action) {
        if (!inEpisode(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "allocation", la, childId, null, date(day), source,
                null, null, null, null, null, null, null, action, null, null, null, workerId, null));
    }

    String earlyHelpAssessment(long day, String assessmentId, CaseEvent.Child child) {
        if (!inPeriod(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "early-help-assessment", la, childId, null, date(day), source,
                null, child, assessmentId, null, null, null, null, null, null, null, null, null, null));
    }

    String retraction(long day, String eventId) {
        if (!inPeriod(day)) {
            return null;
        }
        return send(day, new CaseEvent(nextId(), "retraction", la, childId, null, date(day), source,
                null, null, null, null, null, null, null, null, null, null, null, null, eventId));
    }

    private String nextId() {
        return childId + "-" + (++seq);
    }

    private String send(long day, CaseEvent event) {
        delivery.schedule(event, day, deliveryRng);
        return event.id();
    }

    private static LocalDate date(long day) {
        return LocalDate.ofEpochDay(day);
    }
}
