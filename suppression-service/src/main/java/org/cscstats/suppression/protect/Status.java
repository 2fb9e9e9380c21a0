package org.cscstats.suppression.protect;

/** What happens to an unknown in a release. */
public enum Status {
    /** Printed (rounded where the policy rounds). */
    PUBLISHED,
    /** A small count, withheld and shown with the primary symbol ({@code <5}: the reader learns its range). */
    PRIMARY,
    /**
     * A small count shown with the secondary symbol ({@code [c]}, no bound) because its primary symbol's range
     * would let it, or another cell, be narrowed (docs/disclosure.md › Symbols); or a cell holding (nearly) every
     * child of its row or column, protected as a small count (docs/disclosure.md › Group disclosure).
     */
    PRIMARY_HIDDEN,
    /** Withheld so that primary cells cannot be worked out (zeros included). */
    SECONDARY,
    /** Not printed in any table: a cell the reader knows exists but has no figure for. */
    UNPUBLISHED,
    /**
     * Not printed now, but a small count an earlier release withheld (its figure then, or today's if unchanged):
     * it must keep its width in the joint system of every release.
     */
    PROTECTED_BEFORE;

    /** A small count whose attacker interval must stay at least p wide. */
    public boolean needsProtection() {
        return this == PRIMARY || this == PRIMARY_HIDDEN || this == PROTECTED_BEFORE;
    }

    /** Printed as a symbol in this release. */
    public boolean withheld() {
        return this == PRIMARY || this == PRIMARY_HIDDEN || this == SECONDARY;
    }
}
