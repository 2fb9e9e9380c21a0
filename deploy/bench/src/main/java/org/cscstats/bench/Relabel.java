package org.cscstats.bench;

import org.cscstats.contract.CaseEvent;

/** Puts a prefix on every identifier of an event: a second, disjoint population from the same generator. */
final class Relabel {
    private Relabel() {
    }

    static CaseEvent prefix(CaseEvent e, String p) {
        return e.toBuilder().id(p + e.id()).childId(p + e.childId()).referralId(with(p, e.referralId()))
                .assessmentId(with(p, e.assessmentId())).enquiryId(with(p, e.enquiryId())).planId(with(p, e.planId()))
                .workerId(with(p, e.workerId())).eventId(with(p, e.eventId())).build();
    }

    private static String with(String p, String id) {
        return id == null ? null : p + id;
    }
}
