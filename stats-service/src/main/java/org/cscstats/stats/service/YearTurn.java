package org.cscstats.stats.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.FinancialYear;
import org.cscstats.stats.model.ChildState;
import org.cscstats.stats.model.RecountProgress;
import org.cscstats.stats.repository.CubeRepository.CubeCellDelta;

/**
 * The pure part of recounting every child when the year in progress changes: what to do, what one page of
 * children changes, and which cubes must be published again although their cells may not have changed.
 */
public final class YearTurn {

    private YearTurn() {
    }

    public enum Action {
        /** Every child is counted against the year in progress. */
        NOTHING,
        /** The year changed (or was never recorded): recount from the first child. */
        START,
        /** A recount to this year was interrupted: carry on after its last child. */
        CONTINUE,
        /** A recount to another year was interrupted and the year moved again: start over from the first child. */
        RESTART
    }

    /**
     * @param counted  the year every stored contribution was last counted against (null: never recorded, e.g. data
     *                 from before recounts existed, so it is recounted to be sure)
     * @param underWay the unfinished recount, or null
     * @param current  the year in progress now
     */
    public static Action decide(FinancialYear counted, RecountProgress underWay, FinancialYear current) {
        if (underWay != null) {
            return underWay.fy().equals(current) ? Action.CONTINUE : Action.RESTART;
        }
        return current.equals(counted) ? Action.NOTHING : Action.START;
    }

    /** What a page of children recounted against a year changes: their new states and the summed cube deltas. */
    public record Page(List<ChildState> changed, Map<CubeCellDelta, Long> deltas) {
    }

    /**
     * Recounts children against {@code year}. Children whose contribution does not change are left out, so a
     * page already recounted (a resumed or repeated one) changes nothing: the recount is idempotent.
     */
    public static Page recount(CountingEngine engine, List<ChildState> children, FinancialYear year) {
        List<ChildState> changed = new ArrayList<>();
        Map<CubeCellDelta, Long> deltas = new HashMap<>();
        for (ChildState before : children) {
            ChildState after = engine.recount(before, year);
            if (!after.contribution().equals(before.contribution())) {
                changed.add(after);
                CountingService.addDelta(deltas, before.key().la(), before.contribution(), after.contribution());
            }
        }
        return new Page(changed, deltas);
    }

    /**
     * The FYs whose cubes are published again when the counted year moves from {@code from} to {@code to}: their
     * {@code partial} flag (the year in progress) and which of them exist change even where no cell does. Every
     * year between the two, both included; with {@code from} unknown, the year in progress and the one before.
     */
    public static List<String> yearsToRepublish(FinancialYear from, FinancialYear to) {
        FinancialYear low = from == null ? new FinancialYear(to.startYear() - 1) : min(from, to);
        FinancialYear high = from == null ? to : max(from, to);
        List<String> out = new ArrayList<>();
        for (FinancialYear fy = low; fy.compareTo(high) <= 0; fy = fy.next()) {
            out.add(fy.label());
        }
        return out;
    }

    private static FinancialYear min(FinancialYear a, FinancialYear b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static FinancialYear max(FinancialYear a, FinancialYear b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
