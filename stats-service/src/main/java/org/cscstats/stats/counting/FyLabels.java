package org.cscstats.stats.counting;

import org.cscstats.contract.FinancialYear;

/** {@link FinancialYear#label()} without a String.format per cell: labels are cached for plausible years. */
final class FyLabels {
    private static final int FIRST = 1890;
    private static final String[] LABELS = new String[300];

    static {
        for (int i = 0; i < LABELS.length; i++) {
            LABELS[i] = new FinancialYear(FIRST + i).label();
        }
    }

    private FyLabels() {
    }

    static String of(FinancialYear fy) {
        int i = fy.startYear() - FIRST;
        return i >= 0 && i < LABELS.length ? LABELS[i] : fy.label();
    }
}
