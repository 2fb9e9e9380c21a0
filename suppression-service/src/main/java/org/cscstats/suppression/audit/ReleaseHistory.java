package org.cscstats.suppression.audit;

import java.util.Map;

/**
 * How one figure's true value moved between releases, as far as the attacker may use it (docs/disclosure.md › The
 * attacker, rule 5, and › How we read rule 5): where it is the same as in the release before, the interval that
 * release left holds; where it did not shrink, the later is at least the earlier; where it shrank, nothing carries
 * over. The service knows which case applies from each release's stored input cubes; an outsider can assume only
 * that counts do not shrink.
 */
public interface ReleaseHistory {

    /** A label for the figure's value in release {@code release}: equal labels, equal values. Never the value. */
    String version(int release, String measure, String fy, Map<String, String> codes);

    /** True if the figure in release {@code later} is at least the one in release {@code earlier}. */
    boolean grew(int earlier, int later, String measure, String fy, Map<String, String> codes);

    /** One release read on its own (someone else's reply, or a first release). */
    ReleaseHistory SINGLE = new ReleaseHistory() {
        @Override
        public String version(int release, String measure, String fy, Map<String, String> codes) {
            return "";
        }

        @Override
        public boolean grew(int earlier, int later, String measure, String fy, Map<String, String> codes) {
            return false;
        }
    };
}
