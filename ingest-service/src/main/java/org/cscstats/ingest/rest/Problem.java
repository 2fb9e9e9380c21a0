package org.cscstats.ingest.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.cscstats.ingest.validation.ValidationError;

/** An RFC 9457 problem body: a title, a detail a person can act on, and for validation every error. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<ValidationError> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    /** 415, for a request with no Content-Type as for one the endpoint does not take. */
    public static Response unsupportedMediaType() {
        return response(415, "Unsupported Media Type", "send application/json or application/x-ndjson to /v1/events, "
                + "and application/xml to /v1/imports/cin-census");
    }

    public static Response response(int status, String title, String detail) {
        return response(status, title, detail, null);
    }

    public static Response response(int status, String title, String detail, List<ValidationError> errors) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, errors)).build();
    }
}
