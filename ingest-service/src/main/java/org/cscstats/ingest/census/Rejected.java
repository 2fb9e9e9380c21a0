package org.cscstats.ingest.census;

/**
 * Part of a census file that was not imported (or a value dropped from what was): the 1-based child number in
 * the file, the element path within that child ({@code CINdetails[2]/Assessments[1]}) and why. Never carries an
 * identifier or a value from the file, so it can be returned and logged as it is.
 */
public record Rejected(int child, String element, String reason) {
}
