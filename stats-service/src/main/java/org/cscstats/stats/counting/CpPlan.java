package org.cscstats.stats.counting;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * A child protection plan: its earliest {@code start} (and that start's category) and its latest valid
 * {@code end}, or null if it has none on or after the start.
 */
record CpPlan(String referralId, String planId, LocalDate start, String category, LocalDate end) {

    /** Which of several plans open on one day gives the category: earliest started, then the smaller ids. */
    static final Comparator<CpPlan> EARLIEST_STARTED = Comparator.comparing(CpPlan::start)
            .thenComparing(CpPlan::planId).thenComparing(CpPlan::referralId);

    /** Open on {@code day}: started on or before it and not ended on or before it. */
    boolean openOn(LocalDate day) {
        return !start.isAfter(day) && (end == null || end.isAfter(day));
    }
}
