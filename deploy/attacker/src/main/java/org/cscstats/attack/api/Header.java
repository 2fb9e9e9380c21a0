package org.cscstats.attack.api;

/** A row or column of a shown table: its code and label. */
public record Header(String code, String label) {
}
