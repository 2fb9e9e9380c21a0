package org.cscstats.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.cscstats.contract.CaseEvent;
import org.cscstats.local.generator.IngestSender;

/**
 * Events generated and serialised before anything is timed, so that the benchmark measures the system and not
 * the generator: NDJSON request bodies of {@code batchSize} events, with each event's Kafka key for the raw
 * Kafka comparison.
 */
record PreparedLoad(List<IngestSender.Batch> batches, List<String[]> keys, long events, long bytes, double generateSeconds) {

    static PreparedLoad of(Iterator<CaseEvent> events, int batchSize) {
        long started = System.nanoTime();
        List<IngestSender.Batch> batches = new ArrayList<>();
        List<String[]> keys = new ArrayList<>();
        long count = 0;
        long bytes = 0;
        List<CaseEvent> chunk = new ArrayList<>(batchSize);
        while (events.hasNext()) {
            chunk.add(events.next());
            if (chunk.size() == batchSize || !events.hasNext()) {
                IngestSender.Batch batch = IngestSender.batches(chunk.iterator(), batchSize).next();
                batches.add(batch);
                keys.add(chunk.stream().map(CaseEvent::kafkaKey).toArray(String[]::new));
                count += chunk.size();
                bytes += batch.ndjson().length;
                chunk.clear();
            }
        }
        return new PreparedLoad(Collections.unmodifiableList(batches), Collections.unmodifiableList(keys), count, bytes,
                (System.nanoTime() - started) / 1e9);
    }

    /** The events of batch {@code i} as separate NDJSON lines (without the newline), for the raw producer. */
    List<byte[]> lines(int i) {
        byte[] body = batches.get(i).ndjson();
        List<byte[]> out = new ArrayList<>(keys.get(i).length);
        int from = 0;
        for (int j = 0; j < body.length; j++) {
            if (body[j] == '\n') {
                out.add(Arrays.copyOfRange(body, from, j));
                from = j + 1;
            }
        }
        if (from < body.length) {
            out.add(Arrays.copyOfRange(body, from, body.length));
        }
        return out;
    }
}
