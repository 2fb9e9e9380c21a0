package org.cscstats.suppression.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import java.time.Duration;

/**
 * PostgreSQL cannot be used just now (stopped, restarting, refusing or dropping connections, too slow to answer):
 * something to wait out, answered 503 with Retry-After, never a 500. Other database errors (a bad statement, a
 * broken constraint) are bugs and stay what they are.
 */
public class StoreUnavailableException extends RuntimeException {
    /** How long a request waits for PostgreSQL before it is told to come back (a worker thread is never parked forever). */
    public static final Duration WAIT = Duration.ofSeconds(10);

    public StoreUnavailableException(Throwable cause) {
        super("the database is not available: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }

    /**
     * Applied to what the pool itself returns (a connection, a statement's rows): anything failing there that is not
     * an error reported by the server is the connection failing; of the server's errors, classes 08 (connection
     * exception), 57 (operator intervention: shutting down, terminating connections) and 53 (out of connections).
     */
    public static Throwable classify(Throwable failure) {
        if (failure instanceof StoreUnavailableException) {
            return failure;
        }
        if (failure instanceof PgException pg) {
            String state = pg.getSqlState();
            boolean transient_ = state != null && (state.startsWith("08") || state.startsWith("57") || state.startsWith("53"));
            return transient_ ? new StoreUnavailableException(failure) : failure;
        }
        return new StoreUnavailableException(failure);
    }

    /** A pool operation, classified on failure and bounded in time. */
    public static <T> Uni<T> guard(Uni<T> operation) {
        return operation.ifNoItem().after(WAIT).fail()
                .onFailure().transform(StoreUnavailableException::classify);
    }
}
