package org.cscstats.contract;

import java.time.LocalDate;
import java.time.Period;

/** Age and age band on a date, as {@code docs/measures.md} › Common rules defines them. */
public final class AgeBand {
    private AgeBand() {
    }

    /**
     * @param birth the child's (expected) birth date, or null when unknown
     * @return {@code unborn}, {@code 0-4}, {@code 5-9}, {@code 10-15}, {@code 16+} or {@code unknown}
     */
    public static String on(LocalDate birth, LocalDate date) {
        if (birth == null) {
            return "unknown";
        }
        if (date.isBefore(birth)) {
            return "unborn";
        }
        int age = Period.between(birth, date).getYears();
        if (age <= 4) {
            return "0-4";
        }
        if (age <= 9) {
            return "5-9";
        }
        if (age <= 15) {
            return "10-15";
        }
        return "16+";
    }
}
