package org.cscstats.local.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Json;

/** Writes events as NDJSON, one per line, in the contract's JSON form ({@link Json#mapper()}). */
public final class NdjsonWriter implements Closeable {
    /** The contract's mapper, without a flush per value (the stream is buffered) or a separator between them. */
    private static final ObjectWriter WRITER = Json.mapper().writerFor(CaseEvent.class)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
            .withRootValueSeparator("");

    private final JsonGenerator generator;
    private long count;

    public NdjsonWriter(OutputStream out) {
        try {
            this.generator = WRITER.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(CaseEvent event) {
        try {
            WRITER.writeValue(generator, event);
            generator.writeRaw('\n');
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long count() {
        return count;
    }

    public void flush() {
        try {
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes and closes the underlying stream. */
    @Override
    public void close() {
        try {
            generator.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes every event to {@code file} (replacing it); returns how many. */
    public static long write(Iterator<CaseEvent> events, Path file) {
        try (NdjsonWriter w = new NdjsonWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            while (events.hasNext()) {
                w.write(events.next());
            }
            return w.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One batch as an NDJSON body. */
    static byte[] toBytes(Iterable<CaseEvent> events) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 18);
        try (NdjsonWriter w = new NdjsonWriter(buffer)) {
            for (CaseEvent e : events) {
                w.write(e);
            }
        }
        return buffer.toByteArray();
    }
}
