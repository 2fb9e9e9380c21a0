package org.cscstats.local.generator;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.cscstats.contract.CaseEvent;

/**
 * Synthetic, raw (not pseudonymised) case events for {@code config.las()} LAs, calibrated to Coventry's FOI
 * replies and in the order they would be sent: LA by LA, each LA's feed in delivery order with the configured
 * messiness. Pure and deterministic: the same config gives the same events, byte for byte, however consumed.
 * Streaming: memory holds one LA's not-yet-due events, never the whole output.
 */
public final class CaseHistoryGenerator {
    private final GeneratorConfig config;
    private final List<LaProfile> las;

    public CaseHistoryGenerator(GeneratorConfig config) {
        this.config = config;
        this.las = LocalAuthorities.profiles(config);
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The LAs generated, in order, with their expected referrals per year and workers. */
    public List<LaProfile> las() {
        return las;
    }

    /** A fresh pass over every event; each call starts again from the beginning. */
    public Iterator<CaseEvent> iterator() {
        return new Iterator<>() {
            private int la;
            private LaEventSource current;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    if (la >= las.size()) {
                        return false;
                    }
                    current = new LaEventSource(las.get(la++), config);
                }
                return true;
            }

            @Override
            public CaseEvent next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** The events as a sequential, ordered stream (lazy). */
    public Stream<CaseEvent> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Hands every event to {@code sink} in delivery order; returns how many. */
    public long forEach(Consumer<? super CaseEvent> sink) {
        long n = 0;
        for (Iterator<CaseEvent> it = iterator(); it.hasNext(); n++) {
            sink.accept(it.next());
        }
        return n;
    }

    /** Every event in a list: for tests and small runs only. */
    public List<CaseEvent> toList() {
        List<CaseEvent> out = new ArrayList<>();
        forEach(out::add);
        return out;
    }
}
