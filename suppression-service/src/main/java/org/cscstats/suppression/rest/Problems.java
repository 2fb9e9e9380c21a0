package org.cscstats.suppression.rest;

import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** RFC 9457 problem responses; they name what is wrong and never carry a count. */
final class Problems {
    private Problems() {
    }

    static Response of(int status, String title, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        return Response.status(status).type("application/problem+json").entity(body)
                .header("Cache-Control", "no-store").build();
    }

    /** A problem with extra members (RFC 9457 extensions) a client can act on, e.g. how many cells failed. */
    static Response of(int status, String title, String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extensions);
        return Response.status(status).type("application/problem+json").entity(body)
                .header("Cache-Control", "no-store").build();
    }

    static Response notFound(String detail) {
        return of(404, "Not Found", detail);
    }

    static Response notAcceptable() {
        return of(406, "Not Acceptable", "tables are available as application/json, text/csv or " + PublicResource.XLSX
                + "; everything else as application/json");
    }
}
