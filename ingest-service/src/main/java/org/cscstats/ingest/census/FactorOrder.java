package org.cscstats.ingest.census;

import java.util.Comparator;

/**
 * Code list D in its natural order (1A, 1B, …, 9A, 10A, …, 24A). Factors are sorted so that next year's census,
 * listing the same factors in another order, yields the identical event rather than a "conflicting repeat".
 */
final class FactorOrder {
    static final Comparator<String> ORDER = Comparator.comparingInt(FactorOrder::number).thenComparing(FactorOrder::suffix);

    private FactorOrder() {
    }

    private static int number(String code) {
        int i = 0;
        while (i < code.length() && Character.isDigit(code.charAt(i))) {
            i++;
        }
        return i == 0 ? Integer.MAX_VALUE : Integer.parseInt(code.substring(0, i));
    }

    private static String suffix(String code) {
        int i = 0;
        while (i < code.length() && Character.isDigit(code.charAt(i))) {
            i++;
        }
        return code.substring(i);
    }
}
