package org.cscstats.ingest.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.cscstats.ingest.service.KafkaUnavailableException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What every intake endpoint does around its own work, in one place so the endpoints cannot drift apart: the key
 * check (401), the body limit (413, counted as the body is read, so an over-size body is never buffered), and
 * the answer when Kafka does not take the events in time (503 with {@code Retry-After}).
 */
@ApplicationScoped
public class IntakeGuard {
    /** An endpoint's work on a body that stops at the limit; it may throw either exception for the guard to answer. */
    @FunctionalInterface
    public interface Work {
        Response run(InputStream body) throws IOException, KafkaUnavailableException;
    }

    private final IngestAuthorisation auth;
    private final int retryAfterSeconds;

    public IntakeGuard(IngestAuthorisation auth,
                       @ConfigProperty(name = "ingest.retry-after-seconds") int retryAfterSeconds) {
        this.auth = auth;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * @param contentLength the request's Content-Length header, or null (chunked)
     * @param unit what the caller sends again after a 503 ("batch", "file")
     * @param tooLargeAdvice appended to the 413 detail; may be empty
     */
    public Response run(List<String> authorization, String contentLength, InputStream body, long maxBytes, String unit,
                        String tooLargeAdvice, Work work) throws IOException {
        if (authorization != null && authorization.size() > 1) {
            // proxies and frameworks differ on which of two would count: refuse rather than guess
            return Problem.response(400, "Bad Request", "send one Authorization header, not " + authorization.size());
        }
        Optional<Response> refused = auth.authenticate(only(authorization));
        if (refused.isPresent()) {
            return refused.get();
        }
        if (declaredLength(contentLength) > maxBytes) {
            // said to be too large: refused before reading a byte of it
            return tooLarge(new LimitedInputStream.TooLargeException(maxBytes).getMessage() + tooLargeAdvice);
        }
        LimitedInputStream in = new LimitedInputStream(body, maxBytes);
        try {
            Response response = work.run(in);
            // what the work left unread (a batch refused early), read within the same limit: closing the
            // request's stream would read all of it, however large
            try {
                in.transferTo(OutputStream.nullOutputStream());
                body.close();
            } catch (LimitedInputStream.TooLargeException e) {
                throw e;
            } catch (IOException e) {
                // the client went away after sending what the work needed; the answer is already decided
            }
            return response;
        } catch (LimitedInputStream.TooLargeException e) {
            return tooLarge(e.getMessage() + tooLargeAdvice);
        } catch (KafkaUnavailableException e) {
            body.close();
            return Response.fromResponse(Problem.response(503, "Service Unavailable",
                            e.getMessage() + "; part of the " + unit + " may be stored: send the same " + unit + " again"))
                    .header("Retry-After", retryAfterSeconds).build();
        }
    }

    /**
     * 413, and the connection closed after it: the rest of the body is never read (closing the stream would
     * read it all), so the connection cannot carry another request.
     */
    private static Response tooLarge(String detail) {
        return Response.fromResponse(Problem.response(413, "Payload Too Large", detail))
                .header("Connection", "close").build();
    }

    private static long declaredLength(String header) {
        try {
            return header == null ? -1 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1; // the HTTP layer has already refused a malformed length; the count while reading still applies
        }
    }

    /** A 403 problem if the key may not send for one of these LAs, else empty. */
    public Optional<Response> authorise(List<String> authorization, Collection<String> las) {
        return auth.authorise(only(authorization), las);
    }

    private static String only(List<String> authorization) {
        return authorization == null || authorization.isEmpty() ? null : authorization.get(0);
    }

    /** The charset parameter of a Content-Type, unquoted, if it has one. */
    static Optional<String> charset(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].strip();
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).strip().equalsIgnoreCase("charset")) {
                String v = p.substring(eq + 1).strip();
                return Optional.of(v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v);
            }
        }
        return Optional.empty();
    }
}
