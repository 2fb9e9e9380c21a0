package org.cscstats.stats.model;

/** A child within an LA (the Kafka record key {@code la:childPseudonym}). */
public record ChildKey(String la, String childId) {
}
