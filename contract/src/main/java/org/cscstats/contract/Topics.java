package org.cscstats.contract;

/** Kafka topic names shared by the services (overridable per deployment through each channel's config). */
public final class Topics {
    public static final String CASE_EVENTS = "case-events";
    public static final String CASE_EVENTS_DEAD_LETTER = "case-events-dlq";
    public static final String CUBES = "cubes";

    private Topics() {
    }
}
