package org.cscstats.suppression.audit;

/** A relation the printed figures themselves contradict; the audit reports it and leaves it out. */
public record Violation(String relation, String detail) {
}
