package org.cscstats.suppression.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Content negotiation by RFC 9110 §12.5.1: each offered type gets the q of the most specific range that matches it
 * ({@code type/sub} over {@code type/*} over {@code * /*}); q=0 means "not this"; the highest q wins, ties go to
 * the order of the offer. A range that does not parse is ignored, as a server may.
 */
final class AcceptHeader {
    /** Bound on ranges read from one header, so a huge header costs no more than a long one. */
    private static final int MAX_RANGES = 64;

    private record Range(String type, String subtype, double q) {
        int specificity(String t, String s) {
            if (type.equals("*")) {
                return subtype.equals("*") ? 0 : -1;
            }
            if (!type.equals(t)) {
                return -1;
            }
            return subtype.equals("*") ? 1 : subtype.equals(s) ? 2 : -1;
        }
    }

    private AcceptHeader() {
    }

    /** The best of {@code offered} (lowercase {@code type/subtype}) for these Accept headers, or null if none is acceptable. */
    static String choose(List<String> acceptHeaders, List<String> offered) {
        List<Range> ranges = parse(acceptHeaders);
        if (ranges == null) {
            return offered.get(0); // no Accept: anything
        }
        String best = null;
        double bestQ = 0;
        for (String type : offered) {
            int slash = type.indexOf('/');
            String t = type.substring(0, slash);
            String s = type.substring(slash + 1);
            int specificity = -1;
            double q = 0;
            for (Range r : ranges) {
                int sp = r.specificity(t, s);
                if (sp > specificity || (sp == specificity && sp >= 0 && r.q() > q)) {
                    specificity = sp;
                    q = r.q();
                }
            }
            if (specificity >= 0 && q > bestQ) {
                best = type;
                bestQ = q;
            }
        }
        return best;
    }

    /** The ranges of every Accept header, or null when there is none (or only blank ones). */
    private static List<Range> parse(List<String> headers) {
        if (headers == null || headers.stream().allMatch(h -> h == null || h.isBlank())) {
            return null;
        }
        List<Range> out = new ArrayList<>();
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String part : header.split(",", MAX_RANGES + 1)) {
                if (out.size() >= MAX_RANGES) {
                    return out;
                }
                Range r = range(part);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static Range range(String part) {
        String[] pieces = part.split(";");
        String media = pieces[0].strip().toLowerCase(Locale.ROOT);
        int slash = media.indexOf('/');
        if (slash <= 0 || slash == media.length() - 1 || media.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        String type = media.substring(0, slash);
        String subtype = media.substring(slash + 1);
        if (type.equals("*") && !subtype.equals("*")) {
            return null;
        }
        double q = 1;
        for (int i = 1; i < pieces.length; i++) {
            String p = pieces[i].strip();
            if (p.regionMatches(true, 0, "q=", 0, 2)) {
                String v = p.substring(2).strip();
                // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
                if (!v.matches("0(\\.\\d{0,3})?|1(\\.0{0,3})?")) {
                    return null;
                }
                q = Double.parseDouble(v.endsWith(".") ? v + "0" : v);
            }
        }
        return new Range(type, subtype, q);
    }
}
