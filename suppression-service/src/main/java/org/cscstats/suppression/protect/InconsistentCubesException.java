package org.cscstats.suppression.protect;

/**
 * The cubes of an LA do not satisfy a relation they must (a cut taken while one update was half delivered, e.g.
 * outcomes counted before their referrals): the only failure worth waiting out and retrying. Names the relation,
 * never a value.
 */
public final class InconsistentCubesException extends RuntimeException {
    InconsistentCubesException(String message) {
        super(message);
    }
}
