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
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cscstats.contract.CaseEvent;
import org.cscstats.ingest.census.CensusEvents;
import org.cscstats.ingest.census.CensusFormatException;
import org.cscstats.ingest.census.CensusInfo;
import org.cscstats.ingest.census.CensusSummary;
import org.cscstats.ingest.census.CinCensusReader;
import org.cscstats.ingest.census.Rejected;
import org.cscstats.ingest.service.IntakeService;
import org.cscstats.ingest.service.KafkaUnavailableException;
import org.cscstats.ingest.validation.ValidationError;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code POST /v1/imports/cin-census}: a DfE CIN census XML file, spooled to disk and checked whole before anything
 * is published, then read as a stream and published in chunks. Ids come from content, so re-sending is safe.
 */
@Path("/v1/imports/cin-census")
public class CensusImportResource {
    private static final int CHUNK = 1000;

    private final CinCensusReader reader;
    private final IntakeService intake;
    private final IntakeGuard guard;
    private final long maxBytes;

    public CensusImportResource(CinCensusReader reader, IntakeService intake, IntakeGuard guard,
                                @ConfigProperty(name = "ingest.census.max-bytes") long maxBytes) {
        this.reader = reader;
        this.intake = intake;
        this.guard = guard;
        this.maxBytes = maxBytes;
    }

    @POST
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Import a CIN census XML file", description = "Publishes the events the census implies.")
    public Response importCensus(@HeaderParam(HttpHeaders.AUTHORIZATION) List<String> authorization,
                                 @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                 @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body)
            throws IOException {
        if (contentType == null || contentType.isBlank()) {
            return Problem.unsupportedMediaType();
        }
        return guard.run(authorization, contentLength, body, maxBytes, "file", "", in -> spoolCheckAndPublish(authorization, in));
    }

    private Response spoolCheckAndPublish(List<String> authorization, InputStream in) throws IOException, KafkaUnavailableException {
        java.nio.file.Path spool = Files.createTempFile("cin-census-", ".xml");
        try {
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            CensusInfo info;
            try {
                info = reader.check(spool);
            } catch (CensusFormatException e) {
                return Problem.response(400, "Not a CIN census", e.getMessage() + "; nothing was published");
            }
            Optional<Response> refused = guard.authorise(authorization, Set.of(info.la()));
            if (refused.isPresent()) {
                return refused.get();
            }
            return publish(spool);
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    private Response publish(java.nio.file.Path spool) throws KafkaUnavailableException, IOException {
        long published = 0;
        long duplicates = 0;
        List<Map<String, Object>> rejected = new ArrayList<>();
        CensusSummary summary;
        try (CensusEvents events = reader.open(spool)) {
            List<CaseEvent> chunk = new ArrayList<>(CHUNK);
            while (events.hasNext()) {
                chunk.add(events.next());
                if (chunk.size() == CHUNK || !events.hasNext()) {
                    IntakeService.Outcome outcome = intake.publish(chunk, 0, false);
                    published += outcome.accepted();
                    duplicates += outcome.duplicates();
                    for (ValidationError conflict : outcome.conflicts()) {
                        CaseEvent e = chunk.get(conflict.index());
                        rejected.add(rejection(null, e.type() + " dated " + e.date(),
                                "differs from an event with the same content-derived id accepted before; not published"));
                    }
                    chunk.clear();
                }
            }
            summary = events.summary();
        }
        for (Rejected r : summary.rejected()) {
            rejected.add(rejection(r.child(), r.element(), r.reason()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("la", summary.la());
        out.put("children", summary.children());
        out.put("referrals", summary.referrals());
        out.put("eventsRead", summary.eventsRead());
        out.put("eventsPublished", published);
        out.put("duplicates", duplicates);
        out.put("rejected", rejected);
        return Response.ok(out).type(MediaType.APPLICATION_JSON).build();
    }

    private static Map<String, Object> rejection(Integer child, String element, String reason) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("child", child);
        r.put("element", element);
        r.put("reason", reason);
        return r;
    }
}
