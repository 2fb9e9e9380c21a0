package org.cscstats.ingest.census;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.cscstats.contract.CaseEvent;

/**
 * The events of a census file, pulled child by child: only the current child's events are in memory, so the
 * caller can publish in chunks of its choosing and stop on failure. Identifiers are in clear (pseudonymise
 * before publishing). Once exhausted, {@link #summary()} is final.
 */
public final class CensusEvents implements Iterator<CaseEvent>, AutoCloseable {
    private final CensusXmlStream xml;
    private final Closeable source;
    private final ChildMapper mapper;
    private final LocalDate today;
    private final ArrayDeque<CaseEvent> pending = new ArrayDeque<>();
    private final List<Rejected> rejected = new ArrayList<>();
    private long rejectedTotal;
    private int children;
    private int referrals;
    private long eventsRead;
    private boolean finished;

    CensusEvents(CensusXmlStream xml, Closeable source, ChildMapper mapper, LocalDate today) {
        this.xml = xml;
        this.source = source;
        this.mapper = mapper;
        this.today = today;
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !finished) {
            if (!xml.nextChild()) {
                finished = true;
                break;
            }
            children++;
            XmlNode child = xml.readChild();
            if (child == null) {
                reject(new Rejected(children, "", "the Child element is too large (over "
                        + CensusXmlStream.MAX_NODES_PER_CHILD + " elements or " + CensusXmlStream.MAX_TEXT
                        + " characters of text in one element); the child is not imported"));
                continue;
            }
            ChildMapper.Result r = mapper.map(child, children, xml.la(), xml.referenceDate(), today);
            referrals += r.referrals();
            r.rejected().forEach(this::reject);
            pending.addAll(r.events());
        }
        return !pending.isEmpty();
    }

    @Override
    public CaseEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        eventsRead++;
        return pending.poll();
    }

    /** The LA, known once the first event is read (or after {@link #hasNext()}). */
    public String la() {
        return xml.la();
    }

    /** Counts so far; the final ones once {@link #hasNext()} has returned false. */
    public CensusSummary summary() {
        return new CensusSummary(xml.la(), xml.referenceDate(), children, referrals, eventsRead, rejected, rejectedTotal);
    }

    private void reject(Rejected r) {
        rejectedTotal++;
        if (rejected.size() < CinCensusReader.MAX_REJECTED_KEPT) {
            rejected.add(r);
        }
    }

    @Override
    public void close() {
        xml.close();
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
