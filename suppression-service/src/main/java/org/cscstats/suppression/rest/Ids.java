package org.cscstats.suppression.rest;

import java.util.regex.Pattern;
import org.cscstats.contract.Excerpt;

/**
 * The shapes of the ids in public paths: an LA code is 3 digits, a release id the LA code, '-' and its number.
 * Anything else cannot name an LA or a release, so it is answered 404 without asking the database (which refuses
 * a NUL with an error of its own, and need not be asked about 4,000-character names).
 */
final class Ids {
    private static final Pattern LA = Pattern.compile("\\d{3}");
    private static final Pattern RELEASE = Pattern.compile("\\d{3}-\\d{1,9}");

    private Ids() {
    }

    static boolean la(String la) {
        return la != null && LA.matcher(la).matches();
    }

    /** An LA as an error message names it: a real code as it is, anything else as a bounded escaped excerpt. */
    static String shown(String la) {
        return la(la) ? la : Excerpt.of(la);
    }

    /** A release id, or null/"latest" for the LA's latest. */
    static boolean release(String id) {
        return id == null || "latest".equals(id) || RELEASE.matcher(id).matches();
    }
}
