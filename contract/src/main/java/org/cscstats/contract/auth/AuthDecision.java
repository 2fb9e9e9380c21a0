package org.cscstats.contract.auth;

/** What a bearer key may do for one LA; the REST layer maps it to 2xx / 401 / 403. */
public enum AuthDecision {
    ALLOWED,
    /** Missing or unknown key: 401. */
    UNKNOWN_KEY,
    /** A known key that may not send for that LA: 403. */
    LA_NOT_ALLOWED
}
