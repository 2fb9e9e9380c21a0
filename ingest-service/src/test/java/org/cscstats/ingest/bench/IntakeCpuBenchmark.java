package org.cscstats.ingest.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.cscstats.contract.CaseEvent;
import org.cscstats.ingest.pseudonym.Pseudonymiser;
import org.cscstats.ingest.validation.BatchResult;
import org.cscstats.ingest.validation.BatchValidator;
import org.cscstats.ingest.validation.EventValidator;

/**
 * CPU cost of ingest without HTTP or Kafka: parse + validate + pseudonymise NDJSON batches on one thread.
 * Run: {@code ./mvnw -q -pl ingest-service test-compile exec:java} is not set up; use
 * {@code java -cp "ingest-service/target/test-classes:ingest-service/target/classes:$(cat cp.txt)" org.cscstats.ingest.bench.IntakeCpuBenchmark}
 * (cp.txt from {@code ./mvnw -q -pl ingest-service dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class IntakeCpuBenchmark {
    private IntakeCpuBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        BatchValidator batch = new BatchValidator(new EventValidator(Clock.systemUTC()));
        Pseudonymiser p = new Pseudonymiser(new byte[32]);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            b.append("{\"id\":\"ev-").append(i).append("\",\"type\":\"referral\",\"la\":\"331\",\"childId\":\"C")
                    .append(i % 3000).append("\",\"referralId\":\"R").append(i)
                    .append("\",\"date\":\"2024-05-01\",\"referralSource\":\"1A\",\"child\":{\"birthDate\":\"2015-01-02\","
                            + "\"sex\":\"F\",\"ethnicity\":\"WBRI\"}}\n");
        }
        byte[] body = b.toString().getBytes(StandardCharsets.UTF_8);
        int rounds = 20;
        long events = 0;
        long t0 = 0;
        for (int r = 0; r < rounds; r++) {
            if (r == 2) {
                t0 = System.nanoTime(); // after warm-up
                events = 0;
            }
            BatchResult res = batch.validateNdjson(new ByteArrayInputStream(body));
            if (!res.valid()) {
                throw new IllegalStateException(res.errors().toString());
            }
            for (CaseEvent e : res.events()) {
                p.pseudonymise(e);
            }
            events += res.events().size();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("parse+validate+pseudonymise: %,.0f events/s on one thread%n", events / seconds);
    }
}
