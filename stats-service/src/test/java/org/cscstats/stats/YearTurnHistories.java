package org.cscstats.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cscstats.contract.CaseEvent;

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
            e.add(new CaseEvent(null, "referral", la, child, "r1", referred, null, SOURCES[r.nextInt(SOURCES.length)],
                    details, null, null, null, null, null, null, null, null, null, null, null));
            e.add(new CaseEvent(null, "allocation", la, child, null, referred, null, null, null, null, null, null, null,
                    null, "allocate", null, null, null, "w" + r.nextInt(4), null));
            if (r.nextInt(10) < 6) {
                e.add(new CaseEvent(null, "assessment", la, child, "r1", referred.plusDays(r.nextInt(30)), null, null,
                        null, "a1", null, null, null, null, null, null, null, null, null, null));
            }
            if (r.nextInt(10) < 3) {
                LocalDate start = referred.plusDays(5 + r.nextInt(40));
                e.add(new CaseEvent(null, "section47", la, child, "r1", start.minusDays(2), null, null, null, null,
                        null, null, "q1", null, null, null, null, null, null, null));
                e.add(new CaseEvent(null, "cp-plan", la, child, "r1", start, null, null, null, null, null, null, null,
                        "p1", "start", CATEGORIES[r.nextInt(CATEGORIES.length)], null, null, null, null));
                if (r.nextBoolean()) {
                    e.add(new CaseEvent(null, "cp-plan", la, child, "r1", start.plusDays(r.nextInt(300)), null, null,
                            null, null, null, null, null, "p1", "end", null, null, null, null, null));
                }
            }
            LocalDate closed = null;
            if (r.nextInt(10) < 5) {
                closed = referred.plusDays(r.nextInt(400));
                String reason = REASONS[r.nextInt(REASONS.length)];
                if (e.add(new CaseEvent(null, "closure", la, child, "r1", closed, null, null, null, null, null, null,
                        null, null, null, null, null, reason, null, null))) {
                    e.add(new CaseEvent(null, "allocation", la, child, null, closed, null, null, null, null, null,
                            null, null, null, "unallocate", null, null, null, "w0", null));
                } else {
                    closed = null;
                }
            }
            if (r.nextInt(10) < 3) {
                LocalDate again = (closed == null ? referred : closed).plusDays(20 + r.nextInt(400));
                e.add(new CaseEvent(null, "referral", la, child, "r2", again, null, SOURCES[r.nextInt(SOURCES.length)],
                        null, null, null, null, null, null, null, null, null, null, null, null));
            }
            if (r.nextInt(10) < 2) {
                e.add(new CaseEvent(null, "early-help-assessment", la, child, null, referred.minusDays(r.nextInt(60)),
                        null, null, null, "h1", null, null, null, null, null, null, null, null, null, null));
            }
            if (r.nextInt(10) < 1) {
                e.add(new CaseEvent(null, "step-down", la, child, "r1", referred.plusDays(r.nextInt(90)), null, null,
                        null, null, null, null, null, null, null, null, "early-help", null, null, null));
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
                case 0 -> e.add(new CaseEvent(null, "closure", la, child, "r1", day, null, null, null, null, null,
                        null, null, null, null, null, null, "RC8", null, null));
                case 1 -> e.add(new CaseEvent(null, "referral", la, child, "r3", day, null, "2A",
                        new CaseEvent.Child(LocalDate.of(2012, 4, 2), null, "U", "WIRI"), null, null, null, null,
                        null, null, null, null, null, null, null));
                case 2 -> e.add(new CaseEvent(null, "allocation", la, child, null, day, null, null, null, null, null,
                        null, null, null, "allocate", null, null, null, "w9", null));
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
            out.add(new CaseEvent(prefix + la + "-" + child + "-" + n++, e.type(), e.la(), e.childId(), e.referralId(),
                    e.date(), e.source(), e.referralSource(), e.child(), e.assessmentId(), e.startDate(), e.factors(),
                    e.enquiryId(), e.planId(), e.action(), e.category(), e.to(), e.reason(), e.workerId(),
                    e.eventId()));
            return true;
        }
    }
}
