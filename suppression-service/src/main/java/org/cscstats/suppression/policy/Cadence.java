package org.cscstats.suppression.policy;

import java.time.Month;
import java.util.List;

/**
 * When releases are made: at the end of each listed month, and also on an operator's request if
 * {@code onRequest}. Releases, never live counts, face readers, so the cadence bounds what differencing
 * between releases can reveal (a whole period's changes at once).
 */
public record Cadence(String name, List<Month> months, boolean onRequest) {

    public static final Cadence QUARTERLY = new Cadence("quarterly",
            List.of(Month.JUNE, Month.SEPTEMBER, Month.DECEMBER, Month.MARCH), true);

    public Cadence {
        months = List.copyOf(months);
    }
}
