package org.cscstats.suppression.protect;

import java.util.List;
import org.cscstats.suppression.catalogue.CellRef;

/**
 * Something a reader already knows from an earlier release: the sum of {@code refs} (read in that release) lies
 * in [lo, hi] ({@code hi = Long.MAX_VALUE} for no upper bound); {@code withheld} if it was printed as a symbol.
 */
public record Fact(List<CellRef> refs, long lo, long hi, boolean withheld) {

    public Fact {
        refs = List.copyOf(refs);
    }
}
