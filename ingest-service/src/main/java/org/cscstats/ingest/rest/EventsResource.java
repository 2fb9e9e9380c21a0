package org.cscstats.ingest.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.cscstats.contract.CaseEvent;
import org.cscstats.contract.Excerpt;
import org.cscstats.ingest.service.IntakeService;
import org.cscstats.ingest.service.KafkaUnavailableException;
import org.cscstats.ingest.validation.BatchResult;
import org.cscstats.ingest.validation.BatchValidator;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code POST /v1/events}: one event, a JSON array, or NDJSON; accepted only once Kafka has every event. */
@Path("/v1/events")
public class EventsResource {
    public static final String NDJSON = "application/x-ndjson";

    private final BatchValidator validator;
    private final IntakeService intake;
    private final IntakeGuard guard;
    private final long maxBodyBytes;

    public EventsResource(BatchValidator validator, IntakeService intake, IntakeGuard guard,
                          @ConfigProperty(name = "ingest.events.max-body-bytes") long maxBodyBytes) {
        this.validator = validator;
        this.intake = intake;
        this.guard = guard;
        this.maxBodyBytes = maxBodyBytes;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Send case events", description = "One event, a JSON array of up to 10,000, or NDJSON.")
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) List<String> authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) throws IOException {
        if (contentType == null || contentType.isBlank()) {
            return Problem.unsupportedMediaType(); // JSON and NDJSON read differently: the sender must say which
        }

        return guard.run(authorization, contentLength, body, maxBodyBytes, "batch", "; split it into smaller batches",
                in -> validateAndPublish(authorization, contentType, in));
    }

    private Response validateAndPublish(List<String> authorization, String contentType, InputStream in)
            throws IOException, KafkaUnavailableException {
        Optional<String> charset = IntakeGuard.charset(contentType);
        if (charset.isPresent() && !charset.get().equalsIgnoreCase("utf-8")) {
            // JSON is UTF-8 (RFC 8259); reading bytes of another charset as UTF-8 would garble or refuse them later
            return Problem.response(415, "Unsupported Media Type", "events must be UTF-8; the body was declared charset="
                    + Excerpt.of(charset.get()));
        }
        BatchResult batch;
        try {
            batch = contentType != null && contentType.startsWith(NDJSON)
                    ? validator.validateNdjson(in) : validator.validateJson(in);
        } catch (LimitedInputStream.TooLargeException e) {
            throw e; // the guard answers 413
        } catch (IOException e) {
            return Problem.response(400, "Bad Request", "the body could not be read: " + e.getMessage());
        }
        if (batch.tooMany()) {
            return Problem.response(413, "Payload Too Large",
                    "a batch holds at most " + BatchValidator.MAX_EVENTS + " events; split it into smaller batches");
        }
        if (!batch.valid()) {
            return Problem.response(400, "Invalid events",
                    batch.errors().size() + " error(s); nothing of this batch was published", batch.errors());
        }
        Optional<Response> refused = guard.authorise(authorization,
                new TreeSet<>(batch.events().stream().map(CaseEvent::la).toList()));
        if (refused.isPresent()) {
            return refused.get();
        }
        IntakeService.Outcome outcome = intake.publish(batch.events(), batch.duplicates());
        if (!outcome.conflicts().isEmpty()) {
            // a repeat with different content is refused (docs/events.md › Duplicates and conflicting repeats); 409: the
            // batch conflicts with what was accepted before, not with the rules
            return Problem.response(409, "Conflicting events", outcome.conflicts().size()
                    + " event(s) re-send an id with different content; nothing of this batch was published", outcome.conflicts());
        }
        return Response.accepted(Map.of("accepted", outcome.accepted(), "duplicates", outcome.duplicates()))
                .type(MediaType.APPLICATION_JSON).build();
    }
}
