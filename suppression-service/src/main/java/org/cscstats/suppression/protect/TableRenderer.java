package org.cscstats.suppression.protect;

import java.util.ArrayList;
import java.util.List;
import org.cscstats.suppression.catalogue.PublishedCell;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.catalogue.TableLayout;
import org.cscstats.suppression.catalogue.TableSpec;
import org.cscstats.suppression.policy.Policy;

/** Prints a linked table from the chosen pattern: values (rounded where the policy rounds) or the policy's symbols. */
final class TableRenderer {
    private TableRenderer() {
    }

    static PublishedTable render(String la, LinkedSystem.Binding b, Status[] status, LinkedSystem sys, Policy policy) {
        TableSpec t = b.spec();
        int nr = t.rows().size();
        int nc = t.columns().size();
        PublishedCell[][] grid = new PublishedCell[nr + 1][nc + 1];
        for (int s = 0; s < b.slots().size(); s++) {
            TableLayout.Slot slot = b.slots().get(s);
            int u = b.unknowns()[s];
            grid[slot.row()][slot.column()] = switch (status[u]) {
                case PUBLISHED -> PublishedCell.shown(policy.publishedValue(sys.unknown(u).value()));
                case PRIMARY -> PublishedCell.withheld(policy.primarySymbol());
                case PRIMARY_HIDDEN, SECONDARY -> PublishedCell.withheld(policy.secondarySymbol());
                case UNPUBLISHED, PROTECTED_BEFORE -> throw new IllegalStateException("a printed cell is unpublished");
            };
        }
        return assemble(la, t, grid, notes(t, policy));
    }

    static PublishedTable assemble(String la, TableSpec t, PublishedCell[][] grid, List<String> notes) {
        int nr = t.rows().size();
        int nc = t.columns().size();
        List<List<PublishedCell>> cells = new ArrayList<>(nr);
        for (int r = 0; r < nr; r++) {
            cells.add(List.of(java.util.Arrays.copyOf(grid[r], nc)));
        }
        List<PublishedCell> rowTotals = null;
        if (t.rowTotals()) {
            rowTotals = new ArrayList<>(nr);
            for (int r = 0; r < nr; r++) {
                rowTotals.add(grid[r][nc]);
            }
        }
        List<PublishedCell> columnTotals = t.columnTotals() ? List.of(java.util.Arrays.copyOf(grid[nr], nc)) : null;
        return new PublishedTable(la, t.id(), t.measure().id(), t.title(), t.fixed(),
                t.rowDimension() == null ? null : t.rowDimension().id(), t.columnDimension().id(), t.rows(),
                t.columns(), cells, rowTotals, columnTotals, t.grandTotal() ? grid[nr][nc] : null, notes);
    }

    static List<String> notes(TableSpec t, Policy policy) {
        List<String> notes = new ArrayList<>(policy.notes());
        List<String> partial = t.partialYears();
        for (String y : partial) {
            notes.add(y + " is the year in progress: its figures cover the year up to this release's cut-off date.");
        }
        return notes;
    }
}
