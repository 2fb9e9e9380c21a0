package org.cscstats.attack.solve;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

/** Union–find over variables: the connected components of the unknowns, solved apart. */
final class Components {
    private final int[] parent;

    Components(int n) {
        parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
    }

    int find(int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    void join(int a, int b) {
        parent[find(a)] = find(b);
    }

    void joinAll(int[] vars, IntPredicate free) {
        int first = -1;
        for (int v : vars) {
            if (free.test(v)) {
                if (first < 0) {
                    first = v;
                } else {
                    join(first, v);
                }
            }
        }
    }

    /** Groups items by the root of their first free variable. */
    static <T> Map<Integer, List<T>> group(List<T> items, ToIntFunction<T> root) {
        Map<Integer, List<T>> out = new HashMap<>();
        for (T item : items) {
            out.computeIfAbsent(root.applyAsInt(item), r -> new ArrayList<>()).add(item);
        }
        return out;
    }
}
