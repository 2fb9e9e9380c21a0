package org.cscstats.attack.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A release's policy as its {@code policy} object states it (docs/api.md › Releases): what the symbols mean to a reader.
 * {@code rounding} is null where published counts are exact.
 */
public record PolicyView(String name, int threshold, boolean zerosShown, int protection, Integer rounding,
        String primarySymbol, String secondarySymbol) {

    public static PolicyView of(JsonNode p) {
        JsonNode symbols = p.path("symbols");
        String primary = text(symbols.path("primary"), text(p.path("primarySymbol"), "[c]"));
        String secondary = text(symbols.path("secondary"), text(p.path("secondarySymbol"), "[c]"));
        JsonNode rounding = p.path("rounding");
        return new PolicyView(p.path("name").asText(), p.path("threshold").asInt(),
                !"suppressed".equals(p.path("zeros").asText("shown")), p.path("protection").asInt(),
                rounding.isNumber() ? rounding.asInt() : null, primary, secondary);
    }

    /** True where the primary symbol is told apart from the secondary one, so it states its range. */
    public boolean primaryStatesRange() {
        return !primarySymbol.equals(secondarySymbol);
    }

    /** The smallest count a primary-suppressed cell can hold: 1 where zeros are shown, else 0. */
    public int primaryMin() {
        return zerosShown ? 1 : 0;
    }

    public int primaryMax() {
        return threshold - 1;
    }

    private static String text(JsonNode n, String otherwise) {
        return n.isTextual() ? n.asText() : otherwise;
    }
}
