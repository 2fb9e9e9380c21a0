package org.cscstats.suppression.protect;

import org.cscstats.suppression.policy.Policy;

/**
 * What the attacker knows about one unknown on its own, given how it is printed (docs/disclosure.md: the
 * bound a symbol states, the range a rounded figure stands for, non-negativity), narrowed by what an
 * earlier release said. {@code hi == Long.MAX_VALUE} means no upper bound.
 */
final class AttackerBounds {
    static final long NONE = Long.MAX_VALUE;

    private final Policy policy;
    private final LinkedSystem sys;

    AttackerBounds(Policy policy, LinkedSystem sys) {
        this.policy = policy;
        this.sys = sys;
    }

    long lo(int i, Status s) {
        return Math.max(rawLo(i, s), sys.priorLo(i));
    }

    long hi(int i, Status s) {
        return Math.min(rawHi(i, s), sys.priorHi(i));
    }

    private long rawLo(int i, Status s) {
        long v = sys.unknown(i).value();
        return switch (s) {
            case PUBLISHED -> {
                if (policy.rounding() == null || v == 0) {
                    yield v;
                }
                // A printed non-zero figure is never a small count, whatever it rounds to.
                yield Math.max(policy.publishedValue(v) - policy.roundingBelow(), policy.threshold());
            }
            // A distinct primary symbol states its range; [c] states nothing (it may hide 0 or a small count).
            case PRIMARY -> policy.symbolsDistinct() ? policy.primaryMin() : 0;
            case PRIMARY_HIDDEN, SECONDARY, UNPUBLISHED, PROTECTED_BEFORE -> 0;
        };
    }

    private long rawHi(int i, Status s) {
        long v = sys.unknown(i).value();
        return switch (s) {
            case PUBLISHED -> policy.rounding() == null || v == 0 ? v
                    : policy.publishedValue(v) + policy.roundingAbove();
            case PRIMARY -> policy.symbolsDistinct() ? policy.primaryMax() : NONE;
            case PRIMARY_HIDDEN, SECONDARY, UNPUBLISHED, PROTECTED_BEFORE -> NONE;
        };
    }
}
