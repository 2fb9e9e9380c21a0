package org.cscstats.ingest.validation;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The date rules of {@code docs/events.md} › Validation rules: strict {@code YYYY-MM-DD}, real calendar dates,
 * 1900-01-01 to today (London).
 */
public final class DateRules {
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    private DateRules() {
    }

    /** Today in Europe/London: "after today" is judged where the case records are kept, not in UTC. */
    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), LONDON);
    }

    /**
     * Parses exactly {@code YYYY-MM-DD} (ASCII digits, no sign, no time, no zone) into a real calendar date.
     * Hand-rolled rather than a formatter: no exceptions on the hot path for the common well-formed case.
     *
     * @return the date, or null when the text is not such a date (2023-02-29, 2023-1-5, 20230105 …)
     */
    public static LocalDate parseStrict(String text) {
        if (text == null || text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // 31 April, 29 February in a common year
        }
    }

    /** Null when {@code date} is within [1900-01-01, today], else why not. */
    public static String checkPast(LocalDate date, LocalDate today) {
        if (date.isBefore(EARLIEST)) {
            return "must not be before 1900-01-01";
        }
        if (date.isAfter(today)) {
            return "must not be after today (Europe/London)";
        }
        return null;
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
