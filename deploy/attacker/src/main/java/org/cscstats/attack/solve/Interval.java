package org.cscstats.attack.solve;

/**
 * What the attacker derives for a withheld figure. {@code max} is {@link #UNBOUNDED} where nothing caps it.
 * {@link Kind#INTEGER}: the integer minimum and maximum. {@link Kind#LP}: the integer solver gave up, so the LP
 * relaxation's bounds rounded inwards (still an enclosure of the integer interval). {@link Kind#WITNESSED}: two
 * integer solutions met on the way already give the figure values at least p apart, so it is not narrow and was not
 * solved further; [min, max] then lies inside the integer interval. {@link Kind#ENCLOSED}: the integer interval of a
 * sub-model around the figure (fewer constraints), already narrower than p: the true interval lies inside it.
 */
public record Interval(long min, long max, Kind kind) {
    public static final long UNBOUNDED = Long.MAX_VALUE;

    public enum Kind { INTEGER, LP, WITNESSED, ENCLOSED }

    public static Interval exact(long value) {
        return new Interval(value, value, Kind.INTEGER);
    }

    public long width() {
        return max == UNBOUNDED ? UNBOUNDED : max - min;
    }

    public boolean exact() {
        return min == max && kind != Kind.WITNESSED;
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
            case ENCLOSED -> "⊆ " + range;
        };
    }
}
