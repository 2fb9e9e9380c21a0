package org.cscstats.suppression.service;

import io.smallrye.mutiny.Uni;

/**
 * Where the blocking side of this service (REST resources on worker threads, the scheduler, making a release with
 * its lock held across a CPU-bound protection) waits for the reactive repositories. Every repository operation is
 * guarded, so bounded by {@code StoreUnavailableException.WAIT}: waiting "indefinitely" never parks a thread for good.
 */
final class Await {
    private Await() {
    }

    static <T> T await(Uni<T> store) {
        return store.await().indefinitely();
    }
}
