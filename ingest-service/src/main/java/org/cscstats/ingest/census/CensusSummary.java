package org.cscstats.ingest.census;

import java.time.LocalDate;
import java.util.List;

/**
 * The outcome of reading a census: {@code children} and {@code referrals} ({@code CINdetails}) seen,
 * {@code eventsRead} emitted, and what was not imported. {@code rejected} keeps the first
 * {@link CinCensusReader#MAX_REJECTED_KEPT} entries so memory stays bounded; {@code rejectedTotal} counts all.
 */
public record CensusSummary(String la, LocalDate referenceDate, int children, int referrals, long eventsRead,
        List<Rejected> rejected, long rejectedTotal) {

    public CensusSummary {
        rejected = List.copyOf(rejected);
    }
}
