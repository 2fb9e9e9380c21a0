package org.cscstats.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.EventType;

/**
 * Deterministic case histories of many children of one LA, up to a given day, crowded around the year end so that
 * the year turning changes much: open episodes and plans on 31 March, allocations (caseload), ages crossing band
 * limits, referrals within 365 days of each other. Only past events, as ingest allows.
 */
public final class YearTurnHistories {
    private static final String[] SOURCES = {"1A", "2A", "3A", "5A", "6", "8", "10"};
    private static final String[] ETHNICITIES = {"WBRI", "WOTH", "MWBC", "APKN", "BAFR", "CHNE", "REFU"};
    private static final String[] CATEGORIES = {"NEG", "PHY", "SAB", "EMO", "MUL"};
    private static final String[] REASONS = {"RC8", "RC8", "RC9", "RC7", "RC1"};

    private YearTurnHistories() {
    }

    /** Children {@code k<from>} … {@code k<to - 1>}, every event dated between {@code lastDay} - 700 days and {@code lastDay}. */
    public static List<CaseEvent> upTo(String la, int from, int to, LocalDate lastDay, long seed) {
        List<CaseEvent> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Random r = new Random(seed * 1_000_003 + i);
            String child = "k" + i;
            Events e = new Events(la, child, lastDay, out);
            LocalDate born = LocalDate.of(2004, 6, 1).plusDays(r.nextInt(7200));
            CaseEvent.Child details = new CaseEvent.Child(born, null, r.nextBoolean() ? "M" : "F",
                    r.nextInt(8) == 0 ? null : ETHNICITIES[r.nextInt(ETHNICITIES.length)]);
            // half the referrals in the last 100 days, so that many are open on 31 March
            LocalDate referred = lastDay.minusDays(r.nextBoolean() ? r.nextInt(100) : r.nextInt(700));
            e.add(CaseEvent.builder().type(EventType.REFERRAL).la(la).childId(child).referralId("r1").date(referred)
                    .referralSource(SOURCES[r.nextInt(SOURCES.length)]).child(details).build());
            e.add(CaseEvent.builder().type(EventType.ALLOCATION).la(la).childId(child).date(referred).action("allocate")
                    .workerId("w" + r.nextInt(4)).build());
            if (r.nextInt(10) < 6) {
                e.add(CaseEvent.builder().type(EventType.ASSESSMENT).la(la).childId(child).referralId("r1")
                        .date(referred.plusDays(r.nextInt(30))).assessmentId("a1").build());
            }
            if (r.nextInt(10) < 3) {
                LocalDate start = referred.plusDays(5 + r.nextInt(40));
                e.add(CaseEvent.builder().type(EventType.SECTION47).la(la).childId(child).referralId("r1")
                        .date(start.minusDays(2)).enquiryId("q1").build());
                e.add(CaseEvent.builder().type(EventType.CP_PLAN).la(la).childId(child).referralId("r1").date(start)
                        .planId("p1").action("start").category(CATEGORIES[r.nextInt(CATEGORIES.length)]).build());
                if (r.nextBoolean()) {
                    e.add(CaseEvent.builder().type(EventType.CP_PLAN).la(la).childId(child).referralId("r1")
                            .date(start.plusDays(r.nextInt(300))).planId("p1").action("end").build());
                }
            }
            LocalDate closed = null;
            if (r.nextInt(10) < 5) {
                closed = referred.plusDays(r.nextInt(400));
                String reason = REASONS[r.nextInt(REASONS.length)];
                if (e.add(CaseEvent.builder().type(EventType.CLOSURE).la(la).childId(child).referralId("r1")
                        .date(closed).reason(reason).build())) {
                    e.add(CaseEvent.builder().type(EventType.ALLOCATION).la(la).childId(child).date(closed)
                            .action("unallocate").workerId("w0").build());
                } else {
                    closed = null;
                }
            }
            if (r.nextInt(10) < 3) {
                LocalDate again = (closed == null ? referred : closed).plusDays(20 + r.nextInt(400));
                e.add(CaseEvent.builder().type(EventType.REFERRAL).la(la).childId(child).referralId("r2").date(again)
                        .referralSource(SOURCES[r.nextInt(SOURCES.length)]).build());
            }
            if (r.nextInt(10) < 2) {
                e.add(CaseEvent.builder().type(EventType.EARLY_HELP_ASSESSMENT).la(la).childId(child)
                        .date(referred.minusDays(r.nextInt(60))).assessmentId("h1").build());
            }
            if (r.nextInt(10) < 1) {
                e.add(CaseEvent.builder().type(EventType.STEP_DOWN).la(la).childId(child).referralId("r1")
                        .date(referred.plusDays(r.nextInt(90))).to("early-help").build());
            }
        }
        return out;
    }

    /**
     * What happens to children {@code k<from>} … {@code k<to - 1>} on {@code day}: some episodes close, some
     * children are referred again, some are allocated another worker; ids differ from {@link #upTo}'s.
     */
    public static List<CaseEvent> on(String la, int from, int to, LocalDate day, long seed) {
        List<CaseEvent> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Random r = new Random(seed * 7_000_003 + i);
            String child = "k" + i;
            Events e = new Events(la, child, day, out, "d" + day + "-");
            switch (r.nextInt(4)) {
                case 0 -> e.add(CaseEvent.builder().type(EventType.CLOSURE).la(la).childId(child).referralId("r1")
                        .date(day).reason("RC8").build());
                case 1 -> e.add(CaseEvent.builder().type(EventType.REFERRAL).la(la).childId(child).referralId("r3")
                        .date(day).referralSource("2A")
                        .child(new CaseEvent.Child(LocalDate.of(2012, 4, 2), null, "U", "WIRI")).build());
                case 2 -> e.add(CaseEvent.builder().type(EventType.ALLOCATION).la(la).childId(child).date(day)
                        .action("allocate").workerId("w9").build());
                default -> {
                }
            }
        }
        return out;
    }

    /** Numbers a child's events and drops those after the last day. */
    private static final class Events {
        private final String la;
        private final String child;
        private final LocalDate lastDay;
        private final List<CaseEvent> out;
        private final String prefix;
        private int n;

        Events(String la, String child, LocalDate lastDay, List<CaseEvent> out) {
            this(la, child, lastDay, out, "");
        }

        Events(String la, String child, LocalDate lastDay, List<CaseEvent> out, String prefix) {
            this.la = la;
            this.child = child;
            this.lastDay = lastDay;
            this.out = out;
            this.prefix = prefix;
        }

        boolean add(CaseEvent e) {
            if (e.date().isAfter(lastDay)) {
                return false;
            }
            out.add(e.toBuilder().id(prefix + la + "-" + child + "-" + n++).build());
            return true;
        }
    }
}
