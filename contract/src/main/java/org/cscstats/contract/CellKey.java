package org.cscstats.contract;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The canonical text key of a cube cell: {@code dim=code} pairs in the order of the measure's breakdown,
 * joined by {@code |}; the total is the empty string. E.g. {@code outcome=nfa|ethnicity=WBRI}.
 */
public final class CellKey {
    public static final String TOTAL = "";

    private CellKey() {
    }

    public static String of(Dimension dim, String code) {
        return dim.id() + "=" + code;
    }

    public static String of(Dimension d1, String c1, Dimension d2, String c2) {
        return of(d1, c1) + "|" + of(d2, c2);
    }

    /** The key for one code per dimension, in the given order. */
    public static String of(List<Dimension> dims, List<String> codes) {
        if (dims.size() != codes.size()) {
            throw new IllegalArgumentException("dimensions and codes differ in length");
        }
        List<String> parts = new ArrayList<>(dims.size());
        for (int i = 0; i < dims.size(); i++) {
            parts.add(of(dims.get(i), codes.get(i)));
        }
        return String.join("|", parts);
    }

    /** Parses a key back into dimension id → code, in key order. */
    public static Map<String, String> parse(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (key.isEmpty()) {
            return out;
        }
        for (String part : key.split("\\|")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("malformed cell key '" + key + "'");
            }
            out.put(part.substring(0, eq), part.substring(eq + 1));
        }
        return out;
    }
}
