package org.cscstats.bench;

import org.cscstats.contract.CaseEvent;

/** Puts a prefix on every identifier of an event: a second, disjoint population from the same generator. */
final class Relabel {
    private Relabel() {
    }

    static CaseEvent prefix(CaseEvent e, String p) {
        return new CaseEvent(p + e.id(), e.type(), e.la(), p + e.childId(), with(p, e.referralId()), e.date(), e.source(),
                e.referralSource(), e.child(), with(p, e.assessmentId()), e.startDate(), e.factors(), with(p, e.enquiryId()),
                with(p, e.planId()), e.action(), e.category(), e.to(), e.reason(), with(p, e.workerId()), with(p, e.eventId()));
    }

    private static String with(String p, String id) {
        return id == null ? null : p + id;
    }
}
