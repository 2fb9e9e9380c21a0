package org.cscstats.attack.model;

/**
 * A bound a table note states for the cells shown with {@code symbol} ({@code *} for every withheld cell).
 * {@code beyondSpec} marks a claim beyond what docs/disclosure.md › Symbols lets the symbol state: the attacker uses it as a
 * belief, and the report lists it.
 */
public record NoteBound(String release, String symbol, long lower, long upper, String note, boolean beyondSpec) {
}
