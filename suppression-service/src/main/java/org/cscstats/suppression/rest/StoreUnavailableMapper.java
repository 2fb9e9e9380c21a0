package org.cscstats.suppression.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.cscstats.suppression.repository.StoreUnavailableException;
import org.jboss.logging.Logger;

/**
 * PostgreSQL is down or restarting: a clean 503 the caller can retry, never a 500 or a stack trace. Releases this pod
 * already holds are still served from memory (ReleaseReader); this answers what needs the database.
 */
@Provider
public class StoreUnavailableMapper implements ExceptionMapper<StoreUnavailableException> {
    private static final Logger LOG = Logger.getLogger(StoreUnavailableMapper.class);
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public Response toResponse(StoreUnavailableException e) {
        LOG.warnf("answered 503: %s", e.getMessage());
        return Response.fromResponse(Problems.of(503, "Service Unavailable",
                        "the release store is unavailable just now; try again in a few seconds"))
                .header("Retry-After", RETRY_AFTER_SECONDS).build();
    }
}
