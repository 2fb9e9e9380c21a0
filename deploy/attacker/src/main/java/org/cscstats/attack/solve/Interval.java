package org.cscstats.attack.solve;

/**
 * The integer interval an attacker derives for a withheld figure. {@code max} is {@link #UNBOUNDED} where nothing
 * caps it. {@code integer} is false only where the integer solver gave up and the LP relaxation's bounds, rounded
 * inwards, are reported (still a valid enclosure: the integer interval lies inside it).
 */
public record Interval(long min, long max, boolean integer) {
    public static final long UNBOUNDED = Long.MAX_VALUE;

    public long width() {
        return max == UNBOUNDED ? UNBOUNDED : max - min;
    }

    public boolean exact() {
        return min == max;
    }

    public boolean contains(long value) {
        return value >= min && value <= max;
    }

    @Override
    public String toString() {
        return "[" + min + ", " + (max == UNBOUNDED ? "∞" : Long.toString(max)) + "]" + (integer ? "" : " (LP)");
    }
}
