package org.cscstats.stats.mapping;

/** A child within an LA (the Kafka record key {@code la:childPseudonym}). */
public record ChildKey(String la, String childId) {
}
