package org.cscstats.stats.counting;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.cscstats.contract.CellKey;
import org.cscstats.contract.Code;
import org.cscstats.contract.Dimension;

/**
 * {@link CellKey} strings, made once: every child recount emits hundreds of cells, and building their keys
 * afresh each time would be most of the garbage. Same strings as {@link CellKey#of}.
 */
final class CellKeys {
    private static final Map<Dimension, Map<String, String>> SINGLE = new EnumMap<>(Dimension.class);
    private static final Map<String, Map<String, String>> PAIRS = new ConcurrentHashMap<>();

    static {
        for (Dimension d : Dimension.values()) {
            Map<String, String> keys = new HashMap<>();
            for (Code c : d.codes()) {
                keys.put(c.code(), CellKey.of(d, c.code()));
            }
            SINGLE.put(d, keys);
        }
    }

    private CellKeys() {
    }

    static String of(Dimension d, String code) {
        if (code == null) {
            throw new IllegalArgumentException("no code for dimension " + d.id());
        }
        String key = SINGLE.get(d).get(code);
        return key != null ? key : CellKey.of(d, code);
    }

    static String of(Dimension d1, String c1, Dimension d2, String c2) {
        String first = of(d1, c1);
        String second = of(d2, c2);
        Map<String, String> row = PAIRS.get(first);
        if (row == null) {
            row = PAIRS.computeIfAbsent(first, k -> new ConcurrentHashMap<>());
        }
        String key = row.get(second);
        if (key == null) {
            key = first + "|" + second;
            row.putIfAbsent(second, key);
        }
        return key;
    }
}
