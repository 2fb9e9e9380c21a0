package org.cscstats.local.generator;

/** Derives independent random streams from the run's seed, so each LA and child is reproducible on its own. */
final class Seeds {
    private Seeds() {
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value from any input. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long mix(long a, long b) {
        return mix(mix(a) + 0x9e3779b97f4a7c15L * (b + 1));
    }

    static long mix(long a, long b, long c) {
        return mix(mix(a, b), c);
    }
}
