package org.cscstats.suppression.protect;

/** What happens to an unknown in a release. */
public enum Status {
    /** Printed (rounded where the policy rounds). */
    PUBLISHED,
    /** A small count, withheld. */
    PRIMARY,
    /** Withheld so that primary cells cannot be worked out. */
    SECONDARY,
    /** Not printed in any table: a cell the reader knows exists but has no figure for. */
    UNPUBLISHED
}
