package org.cscstats.ingest.census;

import java.time.LocalDate;

/**
 * What the first pass learnt: the LA ({@code Header/Source/LEA}), the census reference date (null if the header
 * has neither {@code ReferenceDate} nor {@code Year}) and the number of {@code Child} elements.
 */
public record CensusInfo(String la, LocalDate referenceDate, int children) {
}
