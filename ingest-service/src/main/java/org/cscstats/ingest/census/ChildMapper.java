package org.cscstats.ingest.census;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.EventType;
import org.cscstats.ingest.validation.DateRules;
import org.cscstats.ingest.validation.EventValidator;
import org.cscstats.ingest.validation.Validation;
import org.cscstats.ingest.validation.ValidationError;

/**
 * Turns one census {@code Child} into events by the mapping of {@code docs/events.md} › CIN census XML import, with
 * ids derived from content only. Entity ids (listed in docs/events.md › Ids) follow the same pattern:
 * {@code cin:<LAchildID>:<CINreferralDate>:asmt:<AssessmentAuthorisationDate>}, {@code …:cinplan:<CINPlanStartDate>},
 * {@code …:s47:<S47ActualStartDate>}, {@code …:cp:<CPPstartDate>}. What cannot be imported is reported by
 * position and the rest still goes out; every event passes {@link EventValidator} before it is emitted.
 */
final class ChildMapper {
    static final String SOURCE = "cin-census";

    private final EventValidator validator;

    ChildMapper(EventValidator validator) {
        this.validator = validator;
    }

    /** One child's events, deduplicated by id, and what was rejected, in document order. */
    record Result(List<CaseEvent> events, List<Rejected> rejected, int referrals) {
    }

    Result map(XmlNode child, int childNo, String la, LocalDate referenceDate, LocalDate today) {
        Context c = new Context(childNo, la, today);
        c.map(child, referenceDate);
        return new Result(new ArrayList<>(c.events.values()), c.rejected, c.referrals);
    }

    /** Per-child working state. */
    private final class Context {
        final int childNo;
        final String la;
        final LocalDate today;
        final Map<String, CaseEvent> events = new LinkedHashMap<>();
        final List<Rejected> rejected = new ArrayList<>();
        int referrals;
        String childId;

        Context(int childNo, String la, LocalDate today) {
            this.childNo = childNo;
            this.la = la;
            this.today = today;
        }

        void map(XmlNode child, LocalDate referenceDate) {
            List<XmlNode> episodes = child.all("CINdetails");
            referrals = episodes.size(); // counted as in the file, imported or not
            Found id = find(child, "LAchildID");
            if (id == null || id.node.text() == null) {
                reject(id == null ? "ChildIdentifiers/LAchildID" : id.path, "LAchildID is missing; the child is not imported");
                return;
            }
            if (id.node.text().codePointCount(0, id.node.text().length()) > EventValidator.MAX_CHILD_ID) {
                reject(id.path, "LAchildID is longer than " + EventValidator.MAX_CHILD_ID
                        + " characters; the child is not imported");
                return;
            }
            childId = id.node.text();
            details(child, referenceDate);
            for (int i = 0; i < episodes.size(); i++) {
                episode(episodes.get(i), "CINdetails[" + (i + 1) + "]");
            }
        }

        private void details(XmlNode child, LocalDate referenceDate) {
            LocalDate birth = pastDateField(child, "PersonBirthDate");
            LocalDate expected = null;
            Found exp = find(child, "ExpectedPersonBirthDate");
            if (exp != null && exp.node.text() != null) {
                expected = XmlDates.parse(exp.node.text());
                if (expected == null || expected.isBefore(DateRules.EARLIEST)) {
                    reject(exp.path, "ExpectedPersonBirthDate is not a valid date; not imported");
                    expected = null;
                } else if (birth != null) {
                    reject(exp.path, "ExpectedPersonBirthDate ignored: PersonBirthDate is also given");
                    expected = null;
                }
            }
            String sex = sex(child);
            String ethnicity = null;
            Found eth = find(child, "Ethnicity");
            if (eth != null && eth.node.text() != null) {
                ethnicity = eth.node.text().toUpperCase(Locale.ROOT);
                if (!CodeLists.ETHNICITY_CODES.contains(ethnicity)) {
                    reject(eth.path, "Ethnicity is not in code list B; not imported");
                    ethnicity = null;
                }
            }
            if (referenceDate == null) {
                reject("ChildIdentifiers", "the header has no ReferenceDate or Year; child details not imported");
                return;
            }
            String d = referenceDate.toString();
            emit(event("cin:" + childId + ":details:" + d, EventType.CHILD_DETAILS, null, referenceDate)
                    .child(new CaseEvent.Child(birth, expected, sex, ethnicity)), "ChildIdentifiers");
        }

        /**
         * Sex (M/F/U) in newer schemas, GenderCurrent (1/2/0/9) in older ones. GenderCurrent also takes the letters;
         * Sex takes only M, F or U (its schema's codes): a digit there is reported, not guessed at.
         */
        private String sex(XmlNode child) {
            Found f = find(child, "Sex");
            boolean newer = f != null && f.node.text() != null;
            if (!newer) {
                f = find(child, "GenderCurrent");
            }
            if (f == null || f.node.text() == null) {
                return null;
            }
            String s = switch (f.node.text().toUpperCase(Locale.ROOT)) {
                case "M" -> "M";
                case "F" -> "F";
                case "U" -> "U";
                case "1" -> newer ? null : "M";
                case "2" -> newer ? null : "F";
                case "0", "9" -> newer ? null : "U";
                default -> null;
            };
            if (s == null) {
                reject(f.path, newer ? "Sex is not M, F or U; not imported" : f.node.name + " is not a known code; not imported");
            }
            return s;
        }

        private LocalDate pastDateField(XmlNode child, String name) {
            Found f = find(child, name);
            if (f == null || f.node.text() == null) {
                return null;
            }
            LocalDate d = XmlDates.parse(f.node.text());
            if (d == null) {
                reject(f.path, name + " is not a valid date; not imported");
                return null;
            }
            String problem = DateRules.checkPast(d, today);
            if (problem != null) {
                reject(f.path, name + " " + problem + "; not imported");
                return null;
            }
            return d;
        }

        private void episode(XmlNode e, String path) {
            LocalDate referral = XmlDates.parse(e.text("CINreferralDate"));
            if (referral == null) {
                reject(path, "CINreferralDate is missing or not a valid date; this CINdetails is not imported");
                return;
            }
            String r = referral.toString();
            String referralId = "cin:" + r;
            String prefix = "cin:" + childId + ":" + r + ":";

            String source = code(e.text("ReferralSource"));
            if (source == null || !CodeLists.REFERRAL_SOURCE_CODES.contains(source)) {
                reject(path + "/ReferralSource", "ReferralSource is " + (source == null ? "missing" : "not in code list A")
                        + "; the referral is not imported");
            } else {
                emit(event(prefix + "referral:" + r, EventType.REFERRAL, referralId, referral)
                        .referralSource(source), path);
            }
            closure(e, path, prefix, referralId);

            List<XmlNode> assessments = e.all("Assessments");
            for (int j = 0; j < assessments.size(); j++) {
                assessment(assessments.get(j), path + "/Assessments[" + (j + 1) + "]", prefix, referralId);
            }
            List<XmlNode> cinPlans = e.all("CINPlanDates");
            for (int j = 0; j < cinPlans.size(); j++) {
                plan(cinPlans.get(j), path + "/" + cinPlans.get(j).name + "[" + (j + 1) + "]", prefix, referralId,
                        EventType.CIN_PLAN, "cinplan", "CINPlanStartDate", "CINPlanEndDate", null);
            }
            List<XmlNode> enquiries = e.all("Section47");
            for (int j = 0; j < enquiries.size(); j++) {
                section47(enquiries.get(j), path + "/Section47[" + (j + 1) + "]", prefix, referralId);
            }
            List<XmlNode> cpPlans = e.all("ChildProtectionPlans");
            for (int j = 0; j < cpPlans.size(); j++) {
                XmlNode p = cpPlans.get(j);
                String category = code(p.text("InitialCategoryOfAbuse"));
                if (category == null) {
                    category = code(p.text("CategoryOfAbuse")); // spelling of some older collections
                }
                plan(p, path + "/ChildProtectionPlans[" + (j + 1) + "]", prefix, referralId, EventType.CP_PLAN, "cp",
                        "CPPstartDate", "CPPendDate", category == null ? "" : category);
            }
        }

        private void closure(XmlNode e, String path, String prefix, String referralId) {
            String dateText = e.text("CINclosureDate");
            String reason = code(e.text("ReasonForClosure"));
            if (dateText == null) {
                if (reason != null) {
                    reject(path + "/ReasonForClosure", "ReasonForClosure without CINclosureDate; no closure imported");
                }
                return;
            }
            LocalDate date = XmlDates.parse(dateText);
            if (date == null) {
                reject(path + "/CINclosureDate", "CINclosureDate is not a valid date; the closure is not imported");
            } else if (reason == null || !CodeLists.CLOSURE_REASON_CODES.contains(reason)) {
                reject(path + "/ReasonForClosure", "ReasonForClosure is " + (reason == null ? "missing" : "not in code list C")
                        + "; the closure is not imported");
            } else {
                emit(event(prefix + "closure:" + date, EventType.CLOSURE, referralId, date).reason(reason), path);
            }
        }

        private void assessment(XmlNode a, String path, String prefix, String referralId) {
            String authText = a.text("AssessmentAuthorisationDate");
            if (authText == null) {
                return; // not yet complete: yields nothing, and is not an error
            }
            LocalDate auth = XmlDates.parse(authText);
            if (auth == null) {
                reject(path, "AssessmentAuthorisationDate is not a valid date; the assessment is not imported");
                return;
            }
            LocalDate start = null;
            String startText = a.text("AssessmentActualStartDate");
            if (startText != null) {
                start = XmlDates.parse(startText);
                String problem = start == null ? "is not a valid date" : DateRules.checkPast(start, today);
                if (problem != null) {
                    reject(path + "/AssessmentActualStartDate", "AssessmentActualStartDate " + problem
                            + "; the assessment is imported without it");
                    start = null;
                }
            }
            TreeSet<String> factors = new TreeSet<>(FactorOrder.ORDER);
            List<XmlNode> listed = a.descendants("AssessmentFactors");
            for (int k = 0; k < listed.size(); k++) {
                String f = code(listed.get(k).text());
                if (f == null) {
                    continue;
                }
                if (CodeLists.ASSESSMENT_FACTORS.contains(f)) {
                    factors.add(f);
                } else {
                    reject(path + "/AssessmentFactors[" + (k + 1) + "]", "not in code list D; this factor is dropped");
                }
            }
            if (factors.contains("21") && factors.size() > 1) {
                factors.remove("21");
                reject(path, "factor 21 (no factors) listed with other factors; 21 is dropped");
            }
            String d = auth.toString();
            emit(event(prefix + "assessment:" + d, EventType.ASSESSMENT, referralId, auth)
                    .assessmentId(prefix + "asmt:" + d).startDate(start)
                    .factors(factors.isEmpty() ? null : List.copyOf(factors)), path);
        }

        private void section47(XmlNode s, String path, String prefix, String referralId) {
            LocalDate start = XmlDates.parse(s.text("S47ActualStartDate"));
            if (start == null) {
                reject(path, "S47ActualStartDate is missing or not a valid date; the enquiry is not imported");
                return;
            }
            String d = start.toString();
            emit(event(prefix + "section47:" + d, EventType.SECTION47, referralId, start)
                    .enquiryId(prefix + "s47:" + d), path);
        }

        /** A CIN or CP plan: {@code start} and, if dated, {@code end}. {@code category} is null for CIN plans. */
        private void plan(XmlNode p, String path, String prefix, String referralId, EventType type, String tag,
                String startName, String endName, String category) {
            LocalDate start = XmlDates.parse(p.text(startName));
            if (start == null) {
                reject(path, startName + " is missing or not a valid date; the plan is not imported");
                return;
            }
            String planId = prefix + tag + ":" + start;
            if (category != null && !CodeLists.CATEGORY_CODES.contains(category)) {
                reject(path + "/InitialCategoryOfAbuse", "InitialCategoryOfAbuse is "
                        + (category.isEmpty() ? "missing" : "not in code list E") + "; the plan start is not imported");
            } else {
                emit(event(prefix + type.wire() + ":" + start + ":start", type, referralId, start)
                        .planId(planId).action("start").category(category), path);
            }
            String endText = p.text(endName);
            if (endText != null) {
                LocalDate end = XmlDates.parse(endText);
                if (end == null) {
                    reject(path + "/" + endName, endName + " is not a valid date; the plan end is not imported");
                } else {
                    emit(event(prefix + type.wire() + ":" + end + ":end", type, referralId, end)
                            .planId(planId).action("end"), path);
                }
            }
        }

        private CaseEvent.Builder event(String id, EventType type, String referralId, LocalDate date) {
            return CaseEvent.builder().id(id).type(type).la(la).childId(childId).referralId(referralId).date(date)
                    .source(SOURCE);
        }

        /** Validates, then keeps the event unless an identical one was already produced for this child. */
        private void emit(CaseEvent.Builder b, String path) {
            CaseEvent e = b.build();
            Validation v = validator.validate(e, 0, today);
            if (!v.valid()) {
                StringBuilder why = new StringBuilder(e.type()).append(" not imported:");
                for (ValidationError err : v.errors()) {
                    why.append(' ').append(err.field()).append(' ').append(err.message()).append(';');
                }
                reject(path, why.substring(0, why.length() - 1));
                return;
            }
            CaseEvent earlier = events.putIfAbsent(e.id(), e);
            if (earlier != null && !earlier.equals(e)) {
                reject(path, "gives the same " + e.type() + " as an earlier element but different content; not imported");
            }
        }

        private void reject(String element, String reason) {
            rejected.add(new Rejected(childNo, element, reason));
        }
    }

    private static String code(String text) {
        return text == null ? null : text.toUpperCase(Locale.ROOT);
    }

    private record Found(XmlNode node, String path) {
    }

    /**
     * A child-level field wherever this year's schema puts it: directly under {@code Child} or one level down
     * ({@code ChildIdentifiers}, {@code ChildCharacteristics}, …), never inside {@code CINdetails}.
     */
    private static Found find(XmlNode child, String name) {
        XmlNode direct = child.first(name);
        if (direct != null) {
            return new Found(direct, direct.name);
        }
        for (XmlNode group : child.children()) {
            if (group.is("CINdetails")) {
                continue;
            }
            XmlNode n = group.first(name);
            if (n != null) {
                return new Found(n, group.name + "/" + n.name);
            }
        }
        return null;
    }
}
