package org.cscstats.local.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.EventType;

/**
 * The rules of {@code docs/events.md} a generated event must meet, checked independently of the ingest service's
 * validator (which this module must not depend on), plus the cross-event rules the generator promises.
 */
final class ContractChecker {
    private static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final Set<String> STEP_DOWN_TO = Set.of("early-help", "other-agency");

    private final LocalDate today;
    private final List<String> problems = new ArrayList<>();

    ContractChecker(LocalDate today) {
        this.today = today;
    }

    List<String> problems() {
        return problems;
    }

    /** Checks one event on its own. */
    void check(CaseEvent e) {
        String where = e.id() + " (" + e.type() + ")";
        require(where, "id", e.id() != null && !e.id().isEmpty() && e.id().length() <= 128);
        require(where, "la", e.la() != null && e.la().matches("\\d{3}"));
        require(where, "childId", e.childId() != null && !e.childId().isEmpty() && e.childId().length() <= 64);
        date(where, "date", e.date());
        require(where, "source", e.source() == null || e.source().length() <= 128);
        EventType type = EventType.fromWire(e.type()).orElse(null);
        if (type == null) {
            problems.add(where + ": unknown type");
            return;
        }
        if (type.referralScoped()) {
            require(where, "referralId", e.referralId() != null && !e.referralId().isEmpty()
                    && e.referralId().length() <= 64);
        } else {
            require(where, "no referralId", e.referralId() == null);
        }
        Set<String> present = present(e);
        Set<String> allowed = switch (type) {
            case REFERRAL -> Set.of("referralSource", "child");
            case CHILD_DETAILS -> Set.of("child");
            case ASSESSMENT -> Set.of("assessmentId", "startDate", "factors");
            case STRATEGY_DISCUSSION -> Set.of();
            case SECTION47 -> Set.of("enquiryId");
            case CIN_PLAN -> Set.of("planId", "action");
            case CP_PLAN -> Set.of("planId", "action", "category");
            case STEP_DOWN -> Set.of("to");
            case CLOSURE -> Set.of("reason");
            case EARLY_HELP_ASSESSMENT -> Set.of("assessmentId", "child");
            case ALLOCATION -> Set.of("workerId", "action");
            case RETRACTION -> Set.of("eventId");
        };
        for (String f : present) {
            require(where, "field " + f + " allowed", allowed.contains(f));
        }
        switch (type) {
            case REFERRAL -> {
                require(where, "referralSource", CodeLists.REFERRAL_SOURCE_CODES.contains(e.referralSource()));
                child(where, e.child(), false);
            }
            case CHILD_DETAILS -> child(where, e.child(), true);
            case ASSESSMENT -> {
                entity(where, "assessmentId", e.assessmentId());
                if (e.startDate() != null) {
                    date(where, "startDate", e.startDate());
                    require(where, "startDate ≤ date", !e.startDate().isAfter(e.date()));
                }
                if (e.factors() != null) {
                    require(where, "factors known", CodeLists.ASSESSMENT_FACTORS.containsAll(e.factors()));
                    require(where, "factors distinct", new HashSet<>(e.factors()).size() == e.factors().size());
                    require(where, "21 stands alone", !e.factors().contains("21") || e.factors().size() == 1);
                }
            }
            case SECTION47 -> entity(where, "enquiryId", e.enquiryId());
            case CIN_PLAN -> {
                entity(where, "planId", e.planId());
                require(where, "action", "start".equals(e.action()) || "end".equals(e.action()));
            }
            case CP_PLAN -> {
                entity(where, "planId", e.planId());
                require(where, "action", "start".equals(e.action()) || "end".equals(e.action()));
                if ("start".equals(e.action())) {
                    require(where, "category on start", CodeLists.CATEGORY_CODES.contains(e.category()));
                }
            }
            case STEP_DOWN -> require(where, "to", STEP_DOWN_TO.contains(e.to()));
            case CLOSURE -> require(where, "reason", CodeLists.CLOSURE_REASON_CODES.contains(e.reason()));
            case EARLY_HELP_ASSESSMENT -> {
                entity(where, "assessmentId", e.assessmentId());
                child(where, e.child(), false);
            }
            case ALLOCATION -> {
                entity(where, "workerId", e.workerId());
                require(where, "action", "allocate".equals(e.action()) || "unallocate".equals(e.action()));
            }
            case RETRACTION -> {
                require(where, "eventId", e.eventId() != null && !e.eventId().isEmpty() && e.eventId().length() <= 128);
                require(where, "not itself", !Objects.equals(e.eventId(), e.id()));
            }
            default -> {
            }
        }
    }

    /**
     * The rules across events: a repeated id repeats the same content; referral-scoped events are dated on or
     * after their referral, closures on or after the referral's assessments, plan ends after their starts;
     * retractions name an event of the same child.
     */
    void checkAll(List<CaseEvent> events) {
        Map<String, CaseEvent> byKey = new HashMap<>();
        Map<String, LocalDate> referralDate = new HashMap<>();
        Map<String, LocalDate> lastAssessment = new HashMap<>();
        Map<String, LocalDate> planStart = new HashMap<>();
        for (CaseEvent e : events) {
            check(e);
            CaseEvent seen = byKey.putIfAbsent(e.la() + "|" + e.id(), e);
            require(e.id(), "duplicate has same content", seen == null || seen.equals(e));
            String ref = e.la() + "|" + e.childId() + "|" + e.referralId();
            switch (e.type()) {
                case "referral" -> referralDate.merge(ref, e.date(), (a, b) -> a.isBefore(b) ? a : b);
                case "assessment" -> lastAssessment.merge(ref, e.date(), (a, b) -> a.isAfter(b) ? a : b);
                case "cin-plan", "cp-plan" -> {
                    if ("start".equals(e.action())) {
                        planStart.put(ref + "|" + e.planId(), e.date());
                    }
                }
                default -> {
                }
            }
        }
        Set<String> retracted = new HashSet<>();
        for (CaseEvent e : events) {
            String ref = e.la() + "|" + e.childId() + "|" + e.referralId();
            EventType type = e.eventType();
            if (type.referralScoped()) {
                LocalDate r = referralDate.get(ref);
                require(e.id(), "its referral was sent", r != null);
                require(e.id(), "on or after its referral", r == null || !e.date().isBefore(r));
            }
            if (type == EventType.CLOSURE && lastAssessment.containsKey(ref) && !isRetracted(e, events, retracted)) {
                require(e.id(), "closure on or after assessment", !e.date().isBefore(lastAssessment.get(ref)));
            }
            if ((type == EventType.CIN_PLAN || type == EventType.CP_PLAN) && "end".equals(e.action())) {
                LocalDate start = planStart.get(ref + "|" + e.planId());
                require(e.id(), "plan end after its start", start != null && e.date().isAfter(start));
            }
            if (type == EventType.RETRACTION) {
                CaseEvent target = byKey.get(e.la() + "|" + e.eventId());
                require(e.id(), "retraction target exists for the same child",
                        target != null && target.childId().equals(e.childId()));
            }
        }
    }

    private boolean isRetracted(CaseEvent e, List<CaseEvent> events, Set<String> cache) {
        if (cache.isEmpty()) {
            cache.add("");
            for (CaseEvent x : events) {
                if (x.eventId() != null) {
                    cache.add(x.la() + "|" + x.eventId());
                }
            }
        }
        return cache.contains(e.la() + "|" + e.id());
    }

    private void child(String where, CaseEvent.Child c, boolean required) {
        if (c == null) {
            require(where, "child", !required);
            return;
        }
        require(where, "one birth field", c.birthDate() == null || c.expectedBirthDate() == null);
        if (c.birthDate() != null) {
            date(where, "child.birthDate", c.birthDate());
        }
        require(where, "child.sex", c.sex() == null || CodeLists.SEX_CODES.contains(c.sex()));
        require(where, "child.ethnicity", c.ethnicity() == null || CodeLists.ETHNICITY_CODES.contains(c.ethnicity()));
    }

    private void entity(String where, String field, String value) {
        require(where, field, value != null && !value.isEmpty() && value.length() <= 128);
    }

    private void date(String where, String field, LocalDate d) {
        require(where, field + " present", d != null);
        if (d != null) {
            require(where, field + " not after today", !d.isAfter(today));
            require(where, field + " not before 1900", !d.isBefore(EARLIEST));
        }
    }

    private void require(String where, String rule, boolean ok) {
        if (!ok && problems.size() < 50) {
            problems.add(where + ": " + rule);
        }
    }

    private static Set<String> present(CaseEvent e) {
        Set<String> s = new HashSet<>();
        if (e.referralSource() != null) s.add("referralSource");
        if (e.child() != null) s.add("child");
        if (e.assessmentId() != null) s.add("assessmentId");
        if (e.startDate() != null) s.add("startDate");
        if (e.factors() != null) s.add("factors");
        if (e.enquiryId() != null) s.add("enquiryId");
        if (e.planId() != null) s.add("planId");
        if (e.action() != null) s.add("action");
        if (e.category() != null) s.add("category");
        if (e.to() != null) s.add("to");
        if (e.reason() != null) s.add("reason");
        if (e.workerId() != null) s.add("workerId");
        if (e.eventId() != null) s.add("eventId");
        return s;
    }
}
