package org.cscstats.attack.solve;

/**
 * What the attacker derives for a withheld figure. {@code max} is {@link #UNBOUNDED} where nothing caps it.
 * {@link Kind#INTEGER}: the integer minimum and maximum (each a whole solution checked against every row).
 * {@link Kind#LP}: the integer solver did not give a checked optimum, but the LP relaxation's bounds (rounded
 * inwards, an enclosure of the integer interval) are already narrower than p, so the figure is narrow for certain.
 * {@link Kind#WITNESSED}: checked integer solutions give the figure values at least p apart, so it is not narrow
 * and was not solved further; [min, max] then lies inside the integer interval. {@link Kind#UNDECIDED}: neither
 * proven wide nor proven narrow (the solver gave no checked optimum and the LP enclosure is p or wider); [min, max]
 * is that enclosure. Undecided is counted apart: it is not a pass.
 */
public record Interval(long min, long max, Kind kind) {
    public static final long UNBOUNDED = Long.MAX_VALUE;

    public enum Kind { INTEGER, LP, WITNESSED, UNDECIDED }

    public static Interval exact(long value) {
        return new Interval(value, value, Kind.INTEGER);
    }

    public long width() {
        return max == UNBOUNDED ? UNBOUNDED : max - min;
    }

    /** Proven narrower than p: an integer interval, or an LP enclosure, narrower than p. */
    public boolean narrowerThan(int p) {
        return (kind == Kind.INTEGER || kind == Kind.LP) && width() < p;
    }

    public boolean undecided() {
        return kind == Kind.UNDECIDED;
    }

    public boolean exact() {
        return min == max && (kind == Kind.INTEGER || kind == Kind.LP);
    }

    /** True where the value lies in the interval; for a witnessed one, where it cannot be ruled out. */
    public boolean allows(long value) {
        return kind == Kind.WITNESSED || (value >= min && value <= max);
    }

    @Override
    public String toString() {
        String range = "[" + min + ", " + (max == UNBOUNDED ? "∞" : Long.toString(max)) + "]";
        return switch (kind) {
            case INTEGER -> range;
            case LP -> range + " (LP)";
            case WITNESSED -> "⊇ " + range;
            case UNDECIDED -> "undecided ⊆ " + range;
        };
    }
}
