package org.cscstats.stats.counting;

import java.util.HashMap;
import java.util.Map;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.FinancialYear;

/**
 * The whole counting flow in memory, as the service runs it against PostgreSQL: per child, add the event to
 * its history, recount the child, and apply the difference to the aggregates. For tests and rebuild checks.
 */
public final class InMemoryEngine {
    private record ChildKey(String la, String childId) {
    }

    private static final class ChildState {
        final ChildHistory history;
        ChildContribution contribution = ChildContribution.EMPTY;

        ChildState(ChildHistory history) {
            this.history = history;
        }
    }

    private final Map<ChildKey, ChildState> children = new HashMap<>();
    private final Aggregates aggregates = new Aggregates();
    private FinancialYear currentYear;

    public InMemoryEngine(FinancialYear currentYear) {
        this.currentYear = currentYear;
    }

    /** Counts one event; returns what changed (nothing for a duplicate). */
    public CubeDelta accept(CaseEvent event) {
        ChildState child = children.computeIfAbsent(new ChildKey(event.la(), event.childId()),
                k -> new ChildState(new ChildHistory(k.la(), k.childId())));
        if (!child.history.add(event)) {
            return CubeDelta.NONE;
        }
        return recount(child);
    }

    /** The year turns: every child is recounted (snapshots of the year just completed, open episodes). */
    public void advanceTo(FinancialYear year) {
        currentYear = year;
        children.values().forEach(this::recount);
    }

    public Aggregates aggregates() {
        return aggregates;
    }

    private CubeDelta recount(ChildState child) {
        ChildContribution next = ChildContribution.of(child.history, currentYear);
        CubeDelta delta = CubeDelta.between(child.contribution, next);
        child.contribution = next;
        aggregates.apply(child.history.la(), delta);
        return delta;
    }
}
