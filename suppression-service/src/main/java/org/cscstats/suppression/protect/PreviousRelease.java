package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cscstats.contract.Cube;
import org.cscstats.suppression.catalogue.CellRef;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;

/**
 * An earlier release of the same LA as readers saw it: its tables, the policy they were printed under and, if the
 * service kept them, the cubes it was made from. Every printed figure becomes a {@link Fact} the attacker knows
 * when the next release is protected. With the cubes, figures that differ now (its year then in progress, corrected
 * cells) are modelled as figures of their own, so sums mixing them with today's figures still count; without
 * them only figures that are still the same are used.
 */
public record PreviousRelease(Policy policy, List<PublishedTable> tables, List<Cube> cubes) {

    public PreviousRelease {
        tables = List.copyOf(tables);
        cubes = cubes == null ? null : List.copyOf(cubes);
    }

    public PreviousRelease(Policy policy, List<PublishedTable> tables) {
        this(policy, tables, null);
    }

    LinkedSystemBuilder.Previous knowledge() {
        Set<String> partial = new TreeSet<>();
        if (cubes != null) {
            cubes.stream().filter(Cube::partial).forEach(c -> partial.add(c.fy()));
        }
        for (PublishedTable t : tables) {
            partial.addAll(TableSpec.of(t).partialYears());
        }
        return new LinkedSystemBuilder.Previous(facts(), cubes == null ? null : new CubeValues(cubes), partial,
                policy);
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
                if (cell != null) {
                    out.add(fact(TableLayout.refs(t, s.row(), s.column()), cell));
                }
            }
        }
        return out;
    }

    private Fact fact(List<CellRef> refs, PublishedCell cell) {
        if (cell.isSuppressed()) {
            boolean primary = cell.display().equals(policy.primarySymbol());
            if (policy.symbolsDistinct()) {
                return primary ? new Fact(refs, policy.primaryMin(), policy.primaryMax(), true)
                        : new Fact(refs, policy.threshold(), Long.MAX_VALUE, true);
            }
            return new Fact(refs, policy.primaryMin(), Long.MAX_VALUE, true);
        }
        long r = cell.value().longValueExact();
        if (policy.rounding() == null || r == 0) {
            return new Fact(refs, r, r, false);
        }
        return new Fact(refs, Math.max(r - policy.roundingBelow(), policy.threshold()), r + policy.roundingAbove(),
                false);
    }
}
