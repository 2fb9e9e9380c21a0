package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.List;
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
 * when a later release is protected (docs/disclosure.md › The attacker). With the cubes, the later release knows
 * which of its cells have changed since, and models them as figures of their own; without them only figures that
 * still hold today are used.
 *
 * <p>Where the facts are given ({@code carried}: what the attacker knew of each figure after that release, as the
 * audit worked it out) without cubes, they replace the printed ones and are used only where they still hold today:
 * the earlier release's own system does not join this one, so the protection's cost does not grow with the releases
 * before. Given with its cubes too (the release just before), its system joins this one and the carried knowledge
 * bounds its own figures as well, as the audit reads that release.
 */
public record PreviousRelease(Policy policy, List<PublishedTable> tables, List<Cube> cubes, List<Fact> carried) {

    public PreviousRelease {
        tables = List.copyOf(tables);
        cubes = cubes == null ? null : List.copyOf(cubes);
        carried = carried == null ? null : List.copyOf(carried);
    }

    public PreviousRelease(Policy policy, List<PublishedTable> tables, List<Cube> cubes) {
        this(policy, tables, cubes, null);
    }

    public PreviousRelease(Policy policy, List<PublishedTable> tables) {
        this(policy, tables, null, null);
    }

    LinkedSystemBuilder.Earlier knowledge() {
        if (carried != null && cubes == null) {
            return new LinkedSystemBuilder.Earlier(carried, null, policy);
        }
        if (carried != null) {
            List<Fact> both = new ArrayList<>(facts());
            both.addAll(carried);
            return new LinkedSystemBuilder.Earlier(both, new CubeValues(cubes), policy);
        }
        return new LinkedSystemBuilder.Earlier(facts(), cubes == null ? null : new CubeValues(cubes), policy);
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

    /** What a display states: the primary symbol its range (where it differs from [c]), [c] nothing, a figure itself. */
    private Fact fact(List<CellRef> refs, PublishedCell cell) {
        if (cell.isSuppressed()) {
            boolean primary = policy.symbolsDistinct() && cell.display().equals(policy.primarySymbol());
            return primary ? new Fact(refs, policy.primaryMin(), policy.primaryMax(), true)
                    : new Fact(refs, 0, Long.MAX_VALUE, true);
        }
        long r = cell.value().longValueExact();
        if (policy.rounding() == null || r == 0) {
            return new Fact(refs, r, r, false);
        }
        return new Fact(refs, Math.max(r - policy.roundingBelow(), policy.threshold()), r + policy.roundingAbove(),
                false);
    }
}
