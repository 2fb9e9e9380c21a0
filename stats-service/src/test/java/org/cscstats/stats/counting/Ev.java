package org.cscstats.stats.counting;

import java.time.LocalDate;
import java.util.List;
import org.cscstats.contract.CaseEvent;

/** Terse construction of case events for tests: LA 331, child X unless said otherwise. */
final class Ev {
    private String id;
    private String type;
    private String la = "331";
    private String childId = "X";
    private String referralId;
    private LocalDate date;
    private String referralSource;
    private LocalDate birthDate;
    private LocalDate expectedBirthDate;
    private String sex;
    private String ethnicity;
    private boolean hasChild;
    private String assessmentId;
    private List<String> factors;
    private String enquiryId;
    private String planId;
    private String action;
    private String category;
    private String to;
    private String reason;
    private String workerId;
    private String eventId;

    private Ev(String type, String id, String date) {
        this.type = type;
        this.id = id;
        this.date = LocalDate.parse(date);
    }

    static Ev of(String type, String id, String date) {
        return new Ev(type, id, date);
    }

    static Ev referral(String id, String referralId, String date, String source) {
        Ev e = new Ev("referral", id, date);
        e.referralId = referralId;
        e.referralSource = source;
        return e;
    }

    static Ev onReferral(String type, String id, String referralId, String date) {
        Ev e = new Ev(type, id, date);
        e.referralId = referralId;
        return e;
    }

    static CaseEvent assessment(String id, String referralId, String date) {
        Ev e = onReferral("assessment", id, referralId, date);
        e.assessmentId = "a-" + id;
        return e.build();
    }

    static CaseEvent strategy(String id, String referralId, String date) {
        return onReferral("strategy-discussion", id, referralId, date).build();
    }

    static CaseEvent section47(String id, String referralId, String date, String enquiryId) {
        Ev e = onReferral("section47", id, referralId, date);
        e.enquiryId = enquiryId;
        return e.build();
    }

    static CaseEvent cinPlan(String id, String referralId, String date, String planId, String action) {
        Ev e = onReferral("cin-plan", id, referralId, date);
        e.planId = planId;
        e.action = action;
        return e.build();
    }

    static CaseEvent cpStart(String id, String referralId, String date, String planId, String category) {
        Ev e = onReferral("cp-plan", id, referralId, date);
        e.planId = planId;
        e.action = "start";
        e.category = category;
        return e.build();
    }

    static CaseEvent cpEnd(String id, String referralId, String date, String planId) {
        Ev e = onReferral("cp-plan", id, referralId, date);
        e.planId = planId;
        e.action = "end";
        return e.build();
    }

    static CaseEvent stepDown(String id, String referralId, String date, String to) {
        Ev e = onReferral("step-down", id, referralId, date);
        e.to = to;
        return e.build();
    }

    static CaseEvent closure(String id, String referralId, String date, String reason) {
        Ev e = onReferral("closure", id, referralId, date);
        e.reason = reason;
        return e.build();
    }

    static Ev details(String id, String date) {
        Ev e = new Ev("child-details", id, date);
        e.hasChild = true;
        return e;
    }

    static CaseEvent earlyHelp(String id, String date) {
        Ev e = new Ev("early-help-assessment", id, date);
        e.assessmentId = "eh-" + id;
        return e.build();
    }

    static CaseEvent allocation(String id, String date, String workerId, String action) {
        Ev e = new Ev("allocation", id, date);
        e.workerId = workerId;
        e.action = action;
        return e.build();
    }

    static CaseEvent retraction(String id, String date, String target) {
        Ev e = new Ev("retraction", id, date);
        e.eventId = target;
        return e.build();
    }

    Ev child(String childId) {
        this.childId = childId;
        return this;
    }

    Ev la(String la) {
        this.la = la;
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
        CaseEvent.Child child = hasChild ? new CaseEvent.Child(birthDate, expectedBirthDate, sex, ethnicity) : null;
        return CaseEvent.builder().id(id).type(type).la(la).childId(childId).referralId(referralId).date(date)
                .referralSource(referralSource).child(child).assessmentId(assessmentId).factors(factors)
                .enquiryId(enquiryId).planId(planId).action(action).category(category).to(to).reason(reason)
                .workerId(workerId).eventId(eventId).build();
    }

    /** The same event for another child (e.g. to build several children from one pattern). */
    static CaseEvent forChild(CaseEvent e, String childId) {
        return e.toBuilder().childId(childId).build();
    }
}
