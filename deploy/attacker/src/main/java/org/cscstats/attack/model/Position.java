package org.cscstats.attack.model;

/** Where a figure is printed: a table, its row and column (codes and labels; "total" for the margins). */
public record Position(String table, String rowCode, String rowLabel, String columnCode, String columnLabel) {

    @Override
    public String toString() {
        return table + " | " + rowLabel + " | " + columnLabel;
    }
}
