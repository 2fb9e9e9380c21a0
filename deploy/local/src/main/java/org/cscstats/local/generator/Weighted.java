package org.cscstats.local.generator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A fixed discrete distribution: items with weights, drawn by binary search on the cumulative weights. */
final class Weighted<T> {
    private final List<T> items;
    private final double[] cumulative;

    private Weighted(List<T> items, double[] cumulative) {
        this.items = items;
        this.cumulative = cumulative;
    }

    /** Items in the map's iteration order (use an ordered map so draws are reproducible). */
    static <T> Weighted<T> of(Map<T, ? extends Number> weights) {
        List<T> items = new ArrayList<>(weights.size());
        double[] cum = new double[weights.size()];
        double sum = 0;
        int i = 0;
        for (Map.Entry<T, ? extends Number> e : weights.entrySet()) {
            double w = e.getValue().doubleValue();
            if (w < 0) {
                throw new IllegalArgumentException("negative weight for " + e.getKey());
            }
            sum += w;
            items.add(e.getKey());
            cum[i++] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("weights sum to zero");
        }
        return new Weighted<>(List.copyOf(items), cum);
    }

    /** Alternating item, weight, item, weight… */
    static <T> Weighted<T> of(Object... itemsAndWeights) {
        Map<T, Number> m = new LinkedHashMap<>();
        for (int i = 0; i < itemsAndWeights.length; i += 2) {
            @SuppressWarnings("unchecked")
            T item = (T) itemsAndWeights[i];
            m.put(item, (Number) itemsAndWeights[i + 1]);
        }
        return of(m);
    }

    T pick(SplittableRandom rng) {
        double u = rng.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, u);
        i = i >= 0 ? i + 1 : -i - 1; // first cumulative weight strictly above u
        return items.get(Math.min(i, items.size() - 1));
    }

    /** The share of an item (0 if absent). */
    double share(T item) {
        int i = items.indexOf(item);
        if (i < 0) {
            return 0;
        }
        double below = i == 0 ? 0 : cumulative[i - 1];
        return (cumulative[i] - below) / cumulative[cumulative.length - 1];
    }

    List<T> items() {
        return items;
    }
}
