package org.cscstats.stats.model;

import org.cscstats.contract.FinancialYear;

/** A year-turn recount under way: the year it counts against and the last child done (null before the first page). */
public record RecountProgress(FinancialYear fy, ChildKey lastDone) {
}
