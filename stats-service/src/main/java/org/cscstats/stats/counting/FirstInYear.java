package org.cscstats.stats.counting;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.cscstats.contract.FinancialYear;

/**
 * For a distinct-children measure: the child's first qualifying event in each FY (earliest date; same date:
 * the event-level code that sorts first), whose date gives the age band and whose code the reason or category.
 */
final class FirstInYear {
    /** A qualifying event: its date and its event-level code (null when the measure has none). */
    record First(LocalDate date, String code) {
    }

    private final Map<FinancialYear, First> firsts = new HashMap<>(8);

    void offer(FinancialYear fy, LocalDate date, String code) {
        First old = firsts.get(fy);
        if (old == null || date.isBefore(old.date)
                || (date.equals(old.date) && code != null && code.compareTo(old.code) < 0)) {
            firsts.put(fy, new First(date, code));
        }
    }

    void forEach(BiConsumer<FinancialYear, First> action) {
        firsts.forEach(action);
    }
}
