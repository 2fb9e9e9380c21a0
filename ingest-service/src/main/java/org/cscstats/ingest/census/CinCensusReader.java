package org.cscstats.ingest.census;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.cscstats.contract.CaseEvent;
import org.cscstats.ingest.validation.EventValidator;

/**
 * Reads a DfE Children in Need census XML file (schemas 2017–2026) into case events, streaming, by the mapping
 * of {@code docs/events.md} › CIN census XML import. Use in two passes: {@link #check} the whole file (well-formed, a CIN census) before
 * anything is published, then {@link #open} or {@link #read} it. Unknown elements are ignored; invalid ones are
 * reported as {@link Rejected} and the rest is imported. Events carry identifiers in clear.
 */
public final class CinCensusReader {
    /** How many rejections a summary keeps (all are counted): a file of garbage must not fill the heap. */
    public static final int MAX_REJECTED_KEPT = 10_000;
    private static final int BUFFER = 1 << 16;

    private final EventValidator validator;
    private final ChildMapper mapper;

    public CinCensusReader(EventValidator validator) {
        this.validator = validator;
        this.mapper = new ChildMapper(validator);
    }

    /**
     * Reads the whole file without emitting anything.
     *
     * @throws CensusFormatException if it is not well-formed XML, has a DOCTYPE, or is not a CIN census
     *         (root {@code Message}, {@code Header/Source/LEA} with a 3-digit code before {@code Children},
     *         {@code Collection} CIN if given)
     */
    public CensusInfo check(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER)) {
            return check(in);
        }
    }

    /** As {@link #check(Path)}; does not close the stream. */
    public CensusInfo check(InputStream in) {
        try (CensusXmlStream xml = new CensusXmlStream(in)) {
            int children = 0;
            while (xml.nextChild()) {
                children++;
                xml.skipChild();
            }
            return new CensusInfo(xml.la(), xml.referenceDate(), children);
        }
    }

    /** Events of the file, child by child; closing the iterator closes the file. */
    public CensusEvents open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            return new CensusEvents(new CensusXmlStream(in), in, mapper, validator.today());
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Events of the stream, child by child; closing the iterator closes the stream. */
    public CensusEvents open(InputStream in) {
        return new CensusEvents(new CensusXmlStream(in), in, mapper, validator.today());
    }

    /** Emits every event of the file to {@code sink}, in document order, and returns the summary. */
    public CensusSummary read(Path file, Consumer<CaseEvent> sink) throws IOException {
        try (CensusEvents events = open(file)) {
            return drain(events, sink);
        }
    }

    public CensusSummary read(InputStream in, Consumer<CaseEvent> sink) {
        try (CensusEvents events = open(in)) {
            return drain(events, sink);
        }
    }

    private static CensusSummary drain(CensusEvents events, Consumer<CaseEvent> sink) {
        while (events.hasNext()) {
            sink.accept(events.next());
        }
        return events.summary();
    }

    /** "Today" as the reader judges it (Europe/London), for callers that report it. */
    public LocalDate today() {
        return validator.today();
    }
}
