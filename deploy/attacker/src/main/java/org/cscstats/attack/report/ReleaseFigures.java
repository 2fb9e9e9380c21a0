package org.cscstats.attack.report;

import java.util.List;
import org.cscstats.attack.solve.TargetResult;

/**
 * One release as the attacker sees it: withheld figures, those proven narrower than the release's protection p,
 * those pinned exactly, those undecided (neither proven wide nor narrow: not a pass), and those in a component
 * whose displays contradict each other.
 */
public record ReleaseFigures(String release, int protection, int withheld, int narrowerThanP, int exact,
        int undecided, int contradicted) {

    public static ReleaseFigures of(String release, int protection, List<TargetResult> results) {
        int narrow = 0;
        int exact = 0;
        int undecided = 0;
        int contradicted = 0;
        for (TargetResult r : results) {
            if (r.interval() == null) {
                contradicted++;
            } else {
                narrow += r.interval().narrowerThan(protection) ? 1 : 0;
                exact += r.interval().exact() ? 1 : 0;
                undecided += r.interval().undecided() ? 1 : 0;
            }
        }
        return new ReleaseFigures(release, protection, results.size(), narrow, exact, undecided, contradicted);
    }
}
