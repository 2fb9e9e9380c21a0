package org.cscstats.stats.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;
import org.cscstats.stats.counting.ChildContribution;
import org.cscstats.stats.counting.ChildHistory;
import org.cscstats.stats.model.ChildState;

/** Binds the pure counting rules ({@code counting} package) to the stored per-child state. */
@ApplicationScoped
public class CountingEngine {

    /** The child's state with the new events merged in, or null when they change nothing (all duplicates). */
    public ChildState recount(ChildState before, List<CaseEvent> incoming, FinancialYear year) {
        ChildHistory history = ChildHistory.of(before.key().la(), before.key().childId(), before.events());
        if (!history.addAll(incoming)) {
            return null;
        }
        return new ChildState(before.key(), history.stored(), ChildContribution.of(history, year).cells());
    }

    /** The child's state recomputed against a (possibly new) year in progress. */
    public ChildState recount(ChildState before, FinancialYear year) {
        ChildHistory history = ChildHistory.of(before.key().la(), before.key().childId(), before.events());
        return new ChildState(before.key(), history.stored(), ChildContribution.of(history, year).cells());
    }
}
