package org.cscstats.ingest.service;

/** Kafka did not durably take every event in time: the caller answers 503 and the client retries. */
public class KafkaUnavailableException extends Exception {
    public KafkaUnavailableException(String message) {
        super(message);
    }
}
