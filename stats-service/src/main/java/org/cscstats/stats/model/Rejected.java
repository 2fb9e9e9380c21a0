package org.cscstats.stats.model;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** A record that could not be counted, and why: what goes to the dead-letter topic. */
public record Rejected(ConsumerRecord<String, String> record, String reason) {
}
