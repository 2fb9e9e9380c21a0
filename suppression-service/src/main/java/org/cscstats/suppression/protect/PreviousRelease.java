package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;

/**
 * An earlier release of the same LA as readers saw it: its tables and the policy they were printed under. Every
 * printed figure becomes a {@link Fact} the attacker is assumed to know when the next release is protected.
 */
public record PreviousRelease(Policy policy, List<PublishedTable> tables) {

    public PreviousRelease {
        tables = List.copyOf(tables);
    }

    public List<Fact> facts() {
        List<Fact> out = new ArrayList<>();
        for (PublishedTable pt : tables) {
            TableSpec t = TableSpec.of(pt);
            if (!t.linked()) {
                continue;
            }
            for (TableLayout.Slot s : TableLayout.slots(t)) {
                PublishedCell cell = pt.at(s.row(), s.column());
                if (cell == null) {
                    continue;
                }
                out.add(fact(TableLayout.refs(t, s.row(), s.column()), cell));
            }
        }
        return out;
    }

    private Fact fact(List<org.cscstats.suppression.catalogue.CellRef> refs, PublishedCell cell) {
        if (cell.isSuppressed()) {
            boolean primary = cell.display().equals(policy.primarySymbol());
            if (policy.symbolsDistinct()) {
                return primary ? new Fact(refs, policy.primaryMin(), policy.primaryMax())
                        : new Fact(refs, policy.threshold(), Long.MAX_VALUE);
            }
            return new Fact(refs, policy.primaryMin(), Long.MAX_VALUE);
        }
        long r = cell.value().longValueExact();
        if (policy.rounding() == null || r == 0) {
            return new Fact(refs, r, r);
        }
        return new Fact(refs, Math.max(r - policy.roundingBelow(), policy.threshold()), r + policy.roundingAbove());
    }
}
