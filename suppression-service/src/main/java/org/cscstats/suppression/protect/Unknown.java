package org.cscstats.suppression.protect;

import java.util.List;
import org.cscstats.suppression.catalogue.CellRef;

/**
 * One distinct underlying figure of the linked system: a cube cell ({@code parts} = [ref]) or a total over years
 * that a table prints ({@code parts} = the yearly cells, {@code ref} null). {@code published} is true if some table
 * prints it; the others are cells a reader knows exist (breakdown members, relation terms) but never sees.
 */
public record Unknown(int index, String key, CellRef ref, List<CellRef> parts, long value, boolean published,
        Tier tier) {

    /** How costly a cell is to withhold: interior cells first, then margins, grand totals only if unavoidable. */
    public enum Tier { INTERIOR, MARGIN, GRAND }

    public boolean derived() {
        return ref == null;
    }
}
