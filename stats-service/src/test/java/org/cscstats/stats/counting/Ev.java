package org.cscstats.stats.counting;

import java.time.LocalDate;
import org.cscstats.contract.CaseEvent;

/**
 * Terse construction of case events for tests: LA 331, child X unless said otherwise. The event's fields are held by
 * the contract's {@link CaseEvent.Builder}; only the child's characteristics are gathered here, as the builder takes
 * them whole.
 */
final class Ev {
    private final CaseEvent.Builder event;
    private boolean hasChild;
    private LocalDate birthDate;
    private LocalDate expectedBirthDate;
    private String sex;
    private String ethnicity;

    private Ev(String type, String id, String date) {
        this.event = CaseEvent.builder().id(id).type(type).la("331").childId("X").date(LocalDate.parse(date));
    }

    static Ev of(String type, String id, String date) {
        return new Ev(type, id, date);
    }

    static Ev referral(String id, String referralId, String date, String source) {
        Ev e = onReferral("referral", id, referralId, date);
        e.event.referralSource(source);
        return e;
    }

    static Ev onReferral(String type, String id, String referralId, String date) {
        Ev e = new Ev(type, id, date);
        e.event.referralId(referralId);
        return e;
    }

    static CaseEvent assessment(String id, String referralId, String date) {
        Ev e = onReferral("assessment", id, referralId, date);
        e.event.assessmentId("a-" + id);
        return e.build();
    }

    static CaseEvent strategy(String id, String referralId, String date) {
        return onReferral("strategy-discussion", id, referralId, date).build();
    }

    static CaseEvent section47(String id, String referralId, String date, String enquiryId) {
        Ev e = onReferral("section47", id, referralId, date);
        e.event.enquiryId(enquiryId);
        return e.build();
    }

    static CaseEvent cinPlan(String id, String referralId, String date, String planId, String action) {
        Ev e = onReferral("cin-plan", id, referralId, date);
        e.event.planId(planId).action(action);
        return e.build();
    }

    static CaseEvent cpStart(String id, String referralId, String date, String planId, String category) {
        Ev e = onReferral("cp-plan", id, referralId, date);
        e.event.planId(planId).action("start").category(category);
        return e.build();
    }

    static CaseEvent cpEnd(String id, String referralId, String date, String planId) {
        Ev e = onReferral("cp-plan", id, referralId, date);
        e.event.planId(planId).action("end");
        return e.build();
    }

    static CaseEvent stepDown(String id, String referralId, String date, String to) {
        Ev e = onReferral("step-down", id, referralId, date);
        e.event.to(to);
        return e.build();
    }

    static CaseEvent closure(String id, String referralId, String date, String reason) {
        Ev e = onReferral("closure", id, referralId, date);
        e.event.reason(reason);
        return e.build();
    }

    static Ev details(String id, String date) {
        Ev e = new Ev("child-details", id, date);
        e.hasChild = true;
        return e;
    }

    static CaseEvent earlyHelp(String id, String date) {
        Ev e = new Ev("early-help-assessment", id, date);
        e.event.assessmentId("eh-" + id);
        return e.build();
    }

    static CaseEvent allocation(String id, String date, String workerId, String action) {
        Ev e = new Ev("allocation", id, date);
        e.event.workerId(workerId).action(action);
        return e.build();
    }

    static CaseEvent retraction(String id, String date, String target) {
        Ev e = new Ev("retraction", id, date);
        e.event.eventId(target);
        return e.build();
    }

    Ev child(String childId) {
        event.childId(childId);
        return this;
    }

    Ev la(String la) {
        event.la(la);
        return this;
    }

    Ev born(String birth) {
        hasChild = true;
        birthDate = LocalDate.parse(birth);
        return this;
    }

    Ev expected(String birth) {
        hasChild = true;
        expectedBirthDate = LocalDate.parse(birth);
        return this;
    }

    Ev sex(String sex) {
        hasChild = true;
        this.sex = sex;
        return this;
    }

    Ev ethnicity(String ethnicity) {
        hasChild = true;
        this.ethnicity = ethnicity;
        return this;
    }

    CaseEvent build() {
        return event.child(hasChild ? new CaseEvent.Child(birthDate, expectedBirthDate, sex, ethnicity) : null).build();
    }

    /** The same event for another child (e.g. to build several children from one pattern). */
    static CaseEvent forChild(CaseEvent e, String childId) {
        return e.toBuilder().childId(childId).build();
    }
}
