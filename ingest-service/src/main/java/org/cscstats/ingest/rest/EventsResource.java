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
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.cscstats.contract.CaseEvent;
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
    private final IngestAuthorisation auth;
    private final long maxBodyBytes;
    private final int retryAfterSeconds;

    public EventsResource(BatchValidator validator, IntakeService intake, IngestAuthorisation auth,
                          @ConfigProperty(name = "ingest.events.max-body-bytes") long maxBodyBytes,
                          @ConfigProperty(name = "ingest.retry-after-seconds") int retryAfterSeconds) {
        this.validator = validator;
        this.intake = intake;
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, NDJSON})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Send case events", description = "One event, a JSON array of up to 10,000, or NDJSON.")
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        Optional<Response> refused = auth.authenticate(authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        BatchResult batch;
        try (InputStream in = new LimitedInputStream(body, maxBodyBytes)) {
            batch = contentType != null && contentType.startsWith(NDJSON)
                    ? validator.validateNdjson(in) : validator.validateJson(in);
        } catch (LimitedInputStream.TooLargeException e) {
            return Problem.response(413, "Payload Too Large", e.getMessage() + "; split it into smaller batches");
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
        refused = auth.authorise(authorization, new TreeSet<>(batch.events().stream().map(CaseEvent::la).toList()));
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            IntakeService.Outcome outcome = intake.publish(batch.events(), batch.duplicates());
            if (!outcome.conflicts().isEmpty()) {
                return Problem.response(400, "Conflicting events",
                        "nothing of this batch was published", outcome.conflicts());
            }
            return Response.accepted(Map.of("accepted", outcome.accepted(), "duplicates", outcome.duplicates()))
                    .type(MediaType.APPLICATION_JSON).build();
        } catch (KafkaUnavailableException e) {
            return Response.fromResponse(Problem.response(503, "Service Unavailable",
                            e.getMessage() + "; part of the batch may be stored: send the same batch again"))
                    .header("Retry-After", retryAfterSeconds).build();
        }
    }
}
