package org.cscstats.local.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cscstats.contract.AgeBand;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;

/**
 * A small reference tally of one LA's events after deduplication and retractions, following
 * {@code docs/measures.md} closely enough to check calibration (the real one lives in the stats service).
 */
final class Figures {
    /** One referral as the measures see it. */
    record Referral(String childId, String referralId, LocalDate date, String source, String outcome,
                    boolean assessed, String closureReason, LocalDate closureDate) {
    }

    final List<CaseEvent> events;
    final Map<String, String> ethnicity = new HashMap<>();
    final Map<String, LocalDate> birth = new HashMap<>();
    final List<Referral> referrals = new ArrayList<>();
    final int duplicates;
    final int retractions;

    Figures(List<CaseEvent> delivered) {
        Map<String, CaseEvent> unique = new LinkedHashMap<>();
        int dups = 0;
        Set<String> retracted = new HashSet<>();
        for (CaseEvent e : delivered) {
            if (unique.putIfAbsent(e.id(), e) != null) {
                dups++;
            }
            if (e.type().equals("retraction")) {
                retracted.add(e.eventId());
            }
        }
        duplicates = dups;
        events = unique.values().stream().filter(e -> !retracted.contains(e.id()) && !e.type().equals("retraction"))
                .sorted(Comparator.comparing(CaseEvent::date).thenComparing(CaseEvent::id)).toList();
        retractions = (int) unique.values().stream().filter(e -> e.type().equals("retraction")).count();
        characteristics();
        referrals();
    }

    /** Latest recorded values, field by field (same date: the greater value). */
    private void characteristics() {
        Map<String, LocalDate> ethDate = new HashMap<>();
        Map<String, LocalDate> birthDate = new HashMap<>();
        for (CaseEvent e : events) {
            CaseEvent.Child c = e.child();
            if (c == null) {
                continue;
            }
            if (c.ethnicity() != null && later(e.date(), c.ethnicity(), ethDate.get(e.childId()), ethnicity.get(e.childId()))) {
                ethDate.put(e.childId(), e.date());
                ethnicity.put(e.childId(), c.ethnicity());
            }
            LocalDate b = c.birthDate() != null ? c.birthDate() : c.expectedBirthDate();
            if (b != null && later(e.date(), b.toString(), birthDate.get(e.childId()),
                    birth.containsKey(e.childId()) ? birth.get(e.childId()).toString() : null)) {
                birthDate.put(e.childId(), e.date());
                birth.put(e.childId(), b);
            }
        }
    }

    private static boolean later(LocalDate d, String v, LocalDate oldDate, String oldValue) {
        return oldDate == null || d.isAfter(oldDate) || d.equals(oldDate) && v.compareTo(oldValue) > 0;
    }

    private void referrals() {
        Map<String, List<CaseEvent>> byReferral = new LinkedHashMap<>();
        for (CaseEvent e : events) {
            if (e.referralId() != null) {
                byReferral.computeIfAbsent(e.childId() + "|" + e.referralId(), k -> new ArrayList<>()).add(e);
            }
        }
        for (List<CaseEvent> es : byReferral.values()) {
            CaseEvent ref = es.stream().filter(e -> e.type().equals("referral")).findFirst().orElse(null);
            if (ref == null) {
                continue;
            }
            boolean strategy = false;
            boolean plan = false;
            boolean stepDown = false;
            boolean assessed = false;
            CaseEvent closure = null;
            for (CaseEvent e : es) {
                switch (e.type()) {
                    case "strategy-discussion", "section47" -> strategy = true;
                    case "cin-plan", "cp-plan" -> plan |= "start".equals(e.action());
                    case "step-down" -> stepDown = true;
                    case "assessment" -> assessed = true;
                    case "closure" -> {
                        if (closure == null || e.date().isAfter(closure.date())
                                || e.date().equals(closure.date()) && e.reason().compareTo(closure.reason()) > 0) {
                            closure = e;
                        }
                    }
                    default -> {
                    }
                }
            }
            String reason = closure == null ? null : closure.reason();
            String outcome = strategy ? "strategy-discussion" : plan ? "cin-plan"
                    : stepDown || "RC9".equals(reason) ? "step-down" : !assessed ? "no-assessment"
                    : "RC8".equals(reason) ? "nfa" : "other";
            referrals.add(new Referral(ref.childId(), ref.referralId(), ref.date(), ref.referralSource(), outcome,
                    assessed, reason, closure == null ? null : closure.date()));
        }
    }

    String ethnicityOf(String childId) {
        return ethnicity.getOrDefault(childId, Calibration.NOT_STATED);
    }

    String ageBand(String childId, LocalDate on) {
        return AgeBand.on(birth.get(childId), on);
    }

    List<Referral> referralsIn(FinancialYear fy) {
        return referrals.stream().filter(r -> fy.contains(r.date())).toList();
    }

    /** Referrals within 365 days after the same child's previous referral, per FY. */
    Map<FinancialYear, Integer> rereferrals() {
        Map<String, List<Referral>> byChild = new HashMap<>();
        referrals.forEach(r -> byChild.computeIfAbsent(r.childId(), k -> new ArrayList<>()).add(r));
        Map<FinancialYear, Integer> out = new TreeMap<>();
        for (List<Referral> rs : byChild.values()) {
            rs.sort(Comparator.comparing(Referral::date));
            for (int i = 1; i < rs.size(); i++) {
                long gap = rs.get(i).date().toEpochDay() - rs.get(i - 1).date().toEpochDay();
                if (gap > 0 && gap <= 365) {
                    out.merge(FinancialYear.of(rs.get(i).date()), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    /** Distinct children with an event of this type (and, if given, reason) in the FY. */
    int childrenWith(FinancialYear fy, String type, Set<String> reasons) {
        Set<String> children = new HashSet<>();
        for (CaseEvent e : events) {
            if (e.type().equals(type) && fy.contains(e.date()) && (reasons == null || reasons.contains(e.reason()))) {
                children.add(e.childId());
            }
        }
        return children.size();
    }

    /** Caseload on 31 March: [children open, workers with cases, highest, children open but unallocated]. */
    int[] caseload(FinancialYear fy) {
        LocalDate day = fy.lastDay();
        Set<String> open = new HashSet<>();
        for (Referral r : referrals) {
            if (!r.date().isAfter(day) && (r.closureDate() == null || r.closureDate().isAfter(day))) {
                open.add(r.childId());
            }
        }
        Map<String, Set<String>> allocated = new HashMap<>(); // child -> workers
        for (CaseEvent e : events) {
            if (e.type().equals("allocation") && !e.date().isAfter(day)) {
                Set<String> ws = allocated.computeIfAbsent(e.childId(), k -> new HashSet<>());
                if (e.action().equals("allocate")) {
                    ws.add(e.workerId());
                } else {
                    ws.remove(e.workerId());
                }
            }
        }
        Map<String, Integer> perWorker = new HashMap<>();
        int unallocated = 0;
        for (String child : open) {
            Set<String> ws = allocated.getOrDefault(child, Set.of());
            if (ws.isEmpty()) {
                unallocated++;
            }
            ws.forEach(w -> perWorker.merge(w, 1, Integer::sum));
        }
        int highest = perWorker.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        return new int[] {open.size(), perWorker.size(), highest, unallocated};
    }
}
