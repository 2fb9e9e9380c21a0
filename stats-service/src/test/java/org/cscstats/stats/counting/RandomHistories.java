package org.cscstats.stats.counting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Code;
import org.cscstats.contract.CodeLists;
import org.cscstats.contract.EventType;
import org.cscstats.contract.FinancialYear;

/**
 * Turns lists of random integers (jqwik "genes", which shrink well) into arrival sequences of case events: several
 * LAs and children, a few referrals each, every event type, dates crowded around 31 March / 1 April, 365/366
 * days apart and near the child's other events, exact duplicates, conflicting versions of one id, and retractions
 * (of events, of retractions, of nothing).
 */
final class RandomHistories {
    static final int GENE_LENGTH = 8;
    private static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2025, 3, 31);
    private static final int DAYS = 2281;
    private static final List<LocalDate> SPECIAL_DAYS = specialDays();
    private static final List<String> SOURCES = codes(CodeLists.REFERRAL_SOURCES);
    private static final List<String> ETHNICITIES = CodeLists.ETHNICITY_CODES.stream().sorted().toList();
    private static final List<String> SEXES = List.of("M", "F", "U");
    private static final List<String> CATEGORIES = codes(CodeLists.CATEGORIES);
    private static final String[] KINDS = {
        "referral", "referral", "referral", "referral", "referral", "child-details", "assessment", "assessment",
        "strategy-discussion", "section47", "cin-plan", "cp-plan", "cp-plan", "cp-plan", "cp-plan", "step-down",
        "step-down", "closure", "closure", "closure", "closure", "early-help-assessment", "allocation", "allocation",
        "allocation", "retraction", "retraction", "duplicate", "duplicate", "conflict", "conflict"};
    /** Kinds a conflicting version may take: any real event type. */
    private static final int REAL_KINDS = 27;

    private RandomHistories() {
    }

    static List<CaseEvent> arrivals(List<List<Integer>> genes) {
        List<CaseEvent> out = new ArrayList<>(genes.size());
        for (int i = 0; i < genes.size(); i++) {
            int[] g = genes.get(i).stream().mapToInt(Integer::intValue).toArray();
            String kind = KINDS[g[2] % KINDS.length];
            if (i == 0 && (kind.equals("duplicate") || kind.equals("conflict"))) {
                kind = "referral";
            }
            String la = g[0] % 6 == 0 ? "856" : "331";
            String child = "c" + g[1] % 2;
            String id = "e" + i;
            switch (kind) {
                case "duplicate" -> out.add(out.get(g[3] % i));
                case "conflict" -> {
                    CaseEvent target = out.get(g[3] % i);
                    out.add(event(KINDS[g[6] % REAL_KINDS], target.la(), target.childId(), target.id(), g, out));
                }
                default -> out.add(event(kind, la, child, id, g, out));
            }
        }
        return out;
    }

    private static CaseEvent event(String type, String la, String child, String id, int[] g, List<CaseEvent> before) {
        String ref = "r" + g[3] % 3;
        LocalDate date = date(type, la, child, ref, g, before);
        String plan = "p" + g[7] % 2;
        String action = g[6] % 2 == 0 ? "start" : "end";
        return switch (type) {
            case "referral" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).referralId(ref).date(date)
                    .referralSource(pick(SOURCES, g[6] % 5)).child(g[6] % 2 == 0 ? childObject(g) : null).build();
            case "child-details" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).date(date)
                    .child(childObject(g)).build();
            case "assessment" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).referralId(ref).date(date)
                    .assessmentId("a" + g[7] % 3).factors(g[7] % 2 == 0 ? List.of("1A", "21") : null).build();
            case "strategy-discussion" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).referralId(ref)
                    .date(date).build();
            case "section47" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).referralId(ref).date(date)
                    .enquiryId("q" + g[7] % 3).build();
            case "cin-plan" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).referralId(ref).date(date)
                    .planId(plan).action(action).build();
            case "cp-plan" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).referralId(ref).date(date)
                    .planId(plan).action(action).category(action.equals("start") ? pick(CATEGORIES, g[7] / 3) : null)
                    .build();
            case "step-down" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).referralId(ref).date(date)
                    .to(g[6] % 3 == 0 ? "other-agency" : "early-help").build();
            case "closure" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).referralId(ref).date(date)
                    .reason(reason(g[6])).build();
            case "early-help-assessment" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).date(date)
                    .child(g[6] % 3 == 0 ? childObject(g) : null).assessmentId("h" + g[7]).build();
            case "allocation" -> CaseEvent.builder().id(id).type(type).la(la).childId(child).date(date)
                    .action(g[6] % 2 == 0 ? "unallocate" : "allocate").workerId("w" + g[7] % 2).build();
            case "retraction" -> {
                // mostly an earlier arrival of the same child (possibly a retraction), sometimes nothing at all
                String target = "nope";
                if (!before.isEmpty() && g[7] % 8 != 0) {
                    CaseEvent t = before.get(g[7] % before.size());
                    target = t.id();
                    la = t.la();
                    child = t.childId();
                }
                yield CaseEvent.builder().id(id).type(type).la(la).childId(child).date(date).eventId(target).build();
            }
            default -> throw new IllegalArgumentException(type);
        };
    }

    /**
     * A quarter each a special day or any day; otherwise, relative to an earlier referral (or same-type event) of
     * the same child, a tie-making offset (same day, next day, 365 or 366 days on, the next 31 March) or a random one.
     */
    private static LocalDate date(String type, String la, String child, String ref, int[] g,
                                  List<CaseEvent> before) {
        int mode = g[4] % 4;
        // an event on a referral: relative to one of the child's referrals (not necessarily its own) or to an
        // event of its type on its referral
        boolean scoped = EventType.fromWire(type).orElseThrow().referralScoped() && !type.equals("referral");
        List<CaseEvent> bases = mode < 2 ? List.of() : before.stream().filter(e -> e.la().equals(la)
                && e.childId().equals(child) && (e.type().equals("referral")
                        || e.type().equals(type) && (!scoped || e.referralId().equals(ref)))).toList();
        if (bases.isEmpty()) {
            return mode % 2 == 0 ? SPECIAL_DAYS.get(g[5] % SPECIAL_DAYS.size()) : FIRST_DAY.plusDays(g[5] % DAYS);
        }
        LocalDate base = bases.get(g[5] % bases.size()).date();
        // other events: half the time on the base day, where the tie rules matter
        int jump = !type.equals("referral") && g[4] / 4 % 2 == 0 ? 0 : g[4] / 8 % 8;
        LocalDate d = switch (jump) {
            case 0, 1 -> base;
            case 2 -> base.plusDays(1);
            case 3 -> base.plusDays(365);
            case 4 -> base.plusDays(366);
            case 5, 6 -> FinancialYear.of(base).lastDay();
            default -> base.plusDays((g[5] * 7 + g[4]) % 501 - 100);
        };
        return d.isBefore(FIRST_DAY) ? FIRST_DAY : d.isAfter(LAST_DAY) ? LAST_DAY : d;
    }

    private static String reason(int g) {
        return switch (g % 5) {
            case 0, 1 -> "RC8";
            case 2 -> "RC9";
            default -> "RC" + (1 + g / 5 % 9);
        };
    }

    private static CaseEvent.Child childObject(int[] g) {
        int v = g[7] * 31 + g[5];
        String ethnicity = v % 5 == 0 ? null : pick(ETHNICITIES, v / 5);
        String sex = v % 4 == 0 ? null : pick(SEXES, v / 4);
        LocalDate birth = LocalDate.of(2004, 1, 1).plusDays((long) g[6] * 3 % 7700);
        return switch (g[3] % 3) {
            case 0 -> new CaseEvent.Child(birth, null, sex, ethnicity);
            case 1 -> new CaseEvent.Child(null, birth, sex, ethnicity);
            default -> new CaseEvent.Child(null, null, sex, ethnicity);
        };
    }

    private static String pick(List<String> list, int i) {
        return list.get(Math.floorMod(i, list.size()));
    }

    private static List<String> codes(List<Code> list) {
        return list.stream().map(Code::code).toList();
    }

    /** Few days, so that ties happen: year ends and starts, and days 365 and 366 after another. */
    private static List<LocalDate> specialDays() {
        List<LocalDate> days = new ArrayList<>();
        for (int y = 2021; y <= 2023; y++) {
            days.add(LocalDate.of(y, 3, 31));
            days.add(LocalDate.of(y, 4, 1));
        }
        for (String base : List.of("2021-06-01", "2022-10-01")) {
            LocalDate b = LocalDate.parse(base);
            days.addAll(List.of(b, b.plusDays(365), b.plusDays(366)));
        }
        return List.copyOf(days);
    }
}
