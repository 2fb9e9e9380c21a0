package org.cscstats.suppression.protect;

import java.util.List;

/**
 * What protecting a release did, for operators: sizes, how many cells were withheld, which primary cells could
 * not be protected at all (an earlier release already narrowed them) and which only as far as the tables allow
 * (e.g. a total of two withheld cells, each at least 1, is at least 2), cell keys only, never values; and how
 * long it took.
 */
public record ProtectionReport(int tables, int unknowns, int constraints, int primary, int secondary,
        int secondaryRemovedByMinimisation, List<String> unprotectable, List<String> limited, int lpSolves,
        long millis) {

    public ProtectionReport {
        unprotectable = List.copyOf(unprotectable);
        limited = List.copyOf(limited);
    }
}
