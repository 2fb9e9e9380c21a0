package org.cscstats.suppression.protect;

import java.util.List;

/**
 * What protecting a release did, for operators: sizes, how many cells were withheld and why, which primary
 * cells could not be protected (cell keys only, never values), and how long it took.
 */
public record ProtectionReport(int tables, int unknowns, int constraints, int primary, int secondary,
        int secondaryRemovedByMinimisation, List<String> unprotectable, int lpSolves, long millis) {

    public ProtectionReport {
        unprotectable = List.copyOf(unprotectable);
    }
}
