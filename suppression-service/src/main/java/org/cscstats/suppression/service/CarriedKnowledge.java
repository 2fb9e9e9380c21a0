package org.cscstats.suppression.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cscstats.contract.Dimension;
import org.cscstats.contract.Measure;
import org.cscstats.suppression.audit.Audit;
import org.cscstats.suppression.catalogue.CellRef;
import org.cscstats.suppression.protect.Fact;

/**
 * What the audit's knowledge after an earlier release tells the protection, as {@link Fact}s: the carry-over rule
 * (docs/disclosure.md › How we read rule 5) exactly as the audit applies it. A protection assuming more than the
 * audit takes cells as already narrowed and settles for less than the audit asks (each such cell an escalation
 * round); assuming less, it leaves cells the audit narrows.
 */
final class CarriedKnowledge {

    private CarriedKnowledge() {
    }

    /**
     * Release {@code j}'s knowledge about today's figures (today is the last release of {@code history}): the
     * interval where the figure is the same as in the release just before, the lower bound where it is the same
     * as, or grew since, an older one, nothing where it shrank. A figure unchanged since {@code j} and not known
     * exactly stays withheld: it is to be kept protected where it is a small count.
     */
    static List<Fact> onToday(List<Audit.Knowledge.Figure> figures, int j, CubeHistory history) {
        int now = history.releases() - 1;
        List<Fact> out = new ArrayList<>(figures.size());
        for (Audit.Knowledge.Figure f : figures) {
            boolean same = history.version(j, f.measure(), f.year(), f.codes())
                    .equals(history.version(now, f.measure(), f.year(), f.codes()));
            boolean exact = f.min() == f.max();
            if (same && j == now - 1) {
                out.add(new Fact(List.of(ref(f)), f.min(), f.max(), !exact));
            } else if (same || history.grew(j, now, f.measure(), f.year(), f.codes())) {
                out.add(new Fact(List.of(ref(f)), f.min(), Long.MAX_VALUE, same && !exact));
            }
        }
        return out;
    }

    /**
     * The knowledge after a release about that release's own figures (the release just before, joined to today's
     * system with its cubes): all of it holds. Its withheld cells are named by its printed facts already.
     */
    static List<Fact> onItsOwnFigures(List<Audit.Knowledge.Figure> figures) {
        List<Fact> out = new ArrayList<>(figures.size());
        for (Audit.Knowledge.Figure f : figures) {
            out.add(new Fact(List.of(ref(f)), f.min(), f.max(), false));
        }
        return out;
    }

    private static CellRef ref(Audit.Knowledge.Figure f) {
        Map<Dimension, String> codes = new EnumMap<>(Dimension.class);
        f.codes().forEach((d, c) -> codes.put(Dimension.byId(d), c));
        return CellRef.of(Measure.byId(f.measure()), f.year(), codes);
    }
}
