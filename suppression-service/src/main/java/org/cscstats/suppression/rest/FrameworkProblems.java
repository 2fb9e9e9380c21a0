package org.cscstats.suppression.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * What the framework refuses before a resource runs (no such path, wrong method, an Accept nothing here can
 * answer) as problem+json like the resources' own answers, with fixed details: the framework's messages may quote
 * the request. Anything unexpected is a 500 that says nothing about the request.
 */
public class FrameworkProblems {
    private static final Logger LOG = Logger.getLogger(FrameworkProblems.class);

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 406) {
            return Problems.notAcceptable();
        }
        Response problem = Problems.of(status, e.getResponse().getStatusInfo().getReasonPhrase(), switch (status) {
            case 404 -> "no such resource: the public API is under /v1/las (see /q/openapi)";
            case 405 -> "this method is not allowed here";
            case 415 -> "this endpoint takes no body of that type";
            default -> "the request is not valid HTTP for this API";
        });
        String allow = e.getResponse().getHeaderString("Allow");
        return status == 405 && allow != null ? Response.fromResponse(problem).header("Allow", allow).build() : problem;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected error while handling a request", e);
        return Problems.of(500, "Internal Server Error", "the request could not be handled; try again later");
    }
}
