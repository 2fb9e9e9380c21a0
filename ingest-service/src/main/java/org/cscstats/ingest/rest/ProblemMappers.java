package org.cscstats.ingest.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors the framework raises before a resource runs (unknown path, wrong method, unsupported media type, ...)
 * answered as problem+json like the resources' own, with a fixed detail: the framework's messages may quote
 * request headers. Anything unexpected is a 500 problem that says nothing about the request.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response framework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 415) {
            return Problem.unsupportedMediaType();
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        Response problem = Problem.response(status, type.getReasonPhrase(), detail(status));
        if (status == 405 && e.getResponse().getHeaderString("Allow") != null) {
            return Response.fromResponse(problem).header("Allow", e.getResponse().getHeaderString("Allow")).build();
        }
        return problem;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("unexpected error while handling a request", e);
        return Problem.response(500, "Internal Server Error", "the request could not be handled; send it again later "
                + "(event ids make a resend safe)");
    }

    private static String detail(int status) {
        return switch (status) {
            case 404 -> "no such resource: the ingest API is POST /v1/events and POST /v1/imports/cin-census";
            case 405 -> "this method is not allowed here: send events with POST";
            case 406 -> "responses are application/json or application/problem+json";
            case 413 -> "the body is larger than this service accepts";
            default -> "the request is not valid HTTP for this API";
        };
    }
}
