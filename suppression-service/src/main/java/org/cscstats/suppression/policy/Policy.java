package org.cscstats.suppression.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A disclosure-control policy ({@code docs/disclosure.md} › Policy). Every count 1 ≤ n &lt; {@code threshold} (and 0 too
 * when zeros are suppressed) is primary-suppressed and shown as {@code primarySymbol}; cells withheld only so
 * that others cannot be worked out show {@code secondarySymbol}. {@code rounding} is the base published counts
 * are rounded to (half up), or null. {@code protection} is the width an attacker's interval for a primary cell
 * must keep. {@code groupDisclosure} is k of the group-disclosure rule (docs/disclosure.md › Group disclosure): a
 * cell holding all but fewer than k of the children of its row or column is protected as a small count is; 0 turns
 * the rule off.
 */
public record Policy(String name, int threshold, Zeros zeros, String primarySymbol, String secondarySymbol,
        Integer rounding, int protection, Cadence cadence, int groupDisclosure) {

    /**
     * FOI replies: {@code <5} for 1–4 where that is safe, {@code [c]} (no bound) for everything else withheld; a
     * row or column whose children all fall in one cell has that cell withheld too.
     */
    public static final Policy FOI = of("foi", 5, Zeros.SHOWN, "<5", "[c]", null).withGroupDisclosure(1);
    /** DfE statistics: 1–5 withheld, every withheld cell {@code [c]}, zeros shown. */
    public static final Policy DFE = of("dfe", 6, Zeros.SHOWN, "[c]", "[c]", null);
    /**
     * NHS style: 1–7 withheld, the rest rounded to the nearest 5 (half up), totals rounded from unrounded
     * values. Symbols follow GSS guidance ({@code [c]}, never {@code *}), so primary and secondary look alike.
     */
    public static final Policy NHS = of("nhs", 8, Zeros.SHOWN, "[c]", "[c]", 5);

    public static final List<Policy> PRESETS = List.of(FOI, DFE, NHS);

    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zeros, "zeros");
        Objects.requireNonNull(primarySymbol, "primarySymbol");
        Objects.requireNonNull(secondarySymbol, "secondarySymbol");
        Objects.requireNonNull(cadence, "cadence");
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold must be at least 2");
        }
        if (rounding != null && rounding < 2) {
            throw new IllegalArgumentException("rounding base must be at least 2");
        }
        if (protection < 0) {
            throw new IllegalArgumentException("protection must not be negative");
        }
        if (groupDisclosure < 0) {
            throw new IllegalArgumentException("groupDisclosure must not be negative (0 turns the rule off)");
        }
        // Fields are not yet assigned in a compact constructor: compute from the parameters.
        int pMin = zeros == Zeros.SHOWN ? 1 : 0;
        if (!primarySymbol.equals(secondarySymbol) && protection > threshold - 1 - pMin) {
            // An honest primary symbol states the whole range; no interval inside it can be wider.
            throw new IllegalArgumentException("protection " + protection + " exceeds the range " + pMin + ".."
                    + (threshold - 1) + " the primary symbol states");
        }
        if (rounding != null && 2L * threshold < rounding) {
            // Otherwise a count of t or more could round to a printed 0.
            throw new IllegalArgumentException("rounding base " + rounding + " is more than twice the threshold");
        }
        if (primarySymbol.matches("-?\\d+(\\.\\d+)?") || secondarySymbol.matches("-?\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException("a symbol must not look like a number");
        }
    }

    /** A policy with the default protection (the whole range the primary symbol allows) and quarterly cadence. */
    public static Policy of(String name, int threshold, Zeros zeros, String primarySymbol, String secondarySymbol,
            Integer rounding) {
        return new Policy(name, threshold, zeros, primarySymbol, secondarySymbol, rounding,
                defaultProtection(threshold, zeros), Cadence.QUARTERLY, 0);
    }

    /** t − 2 where zeros are shown (1 cannot be told from t − 1), t − 1 where they are suppressed. */
    public static int defaultProtection(int threshold, Zeros zeros) {
        return zeros == Zeros.SHOWN ? threshold - 2 : threshold - 1;
    }

    public static Policy byName(String name) {
        return PRESETS.stream().filter(p -> p.name.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown policy '" + name + "'"));
    }

    public Policy withProtection(int p) {
        return new Policy(name, threshold, zeros, primarySymbol, secondarySymbol, rounding, p, cadence,
                groupDisclosure);
    }

    public Policy withGroupDisclosure(int k) {
        return new Policy(name, threshold, zeros, primarySymbol, secondarySymbol, rounding, protection, cadence, k);
    }

    public boolean zerosShown() {
        return zeros == Zeros.SHOWN;
    }

    /** True where a reader can tell primary from secondary cells by their symbol. */
    public boolean symbolsDistinct() {
        return !primarySymbol.equals(secondarySymbol);
    }

    /** Smallest value a primary cell can have: 1 where zeros are shown, else 0. */
    public int primaryMin() {
        return zerosShown() ? 1 : 0;
    }

    public int primaryMax() {
        return threshold - 1;
    }

    public boolean isPrimary(long n) {
        return n >= primaryMin() && n <= primaryMax();
    }

    /** The published form of a count that is not suppressed: rounded to the base, half up, if the policy rounds. */
    public long publishedValue(long n) {
        if (rounding == null) {
            return n;
        }
        long b = rounding;
        return Math.floorDiv(2 * n + b, 2 * b) * b;
    }

    /** The range of true values a published (rounded) value r stands for, per {@code docs/disclosure.md} › Symbols. */
    public long roundingBelow() {
        return rounding == null ? 0 : rounding / 2;
    }

    public long roundingAbove() {
        return rounding == null ? 0 : (rounding + 1) / 2 - 1;
    }

    /**
     * Plain-English notes explaining every symbol (and rounding) the policy can print. A note is attacker knowledge
     * (docs/disclosure.md), so each states exactly the bound the protection assumes and nothing more.
     */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        String small = zerosShown() ? "from 1 to " + primaryMax() : "from 0 to " + primaryMax();
        if (symbolsDistinct()) {
            notes.add(primarySymbol + ": a small number, " + small + ".");
            notes.add(secondarySymbol + ": withheld. It may stand for any number, including 0 and small numbers; "
                    + "figures are withheld so that small numbers cannot be worked out from totals and other tables.");
        } else {
            notes.add(primarySymbol + ": withheld. It may stand for any number, including 0 and small numbers ("
                    + small + "); figures are withheld so that small numbers cannot be worked out from totals and "
                    + "other tables.");
        }
        if (zerosShown()) {
            notes.add("0: none.");
        }
        if (rounding != null) {
            notes.add("Figures are rounded to the nearest " + rounding + " (halves upwards). Totals are rounded "
                    + "from the true figures, so they may differ from the sum of the rounded figures shown.");
        }
        return notes;
    }
}
