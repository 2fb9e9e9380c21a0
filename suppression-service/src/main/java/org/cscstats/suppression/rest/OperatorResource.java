package org.cscstats.suppression.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cscstats.contract.Excerpt;
import org.cscstats.contract.auth.AuthDecision;
import org.cscstats.contract.auth.BearerKeys;
import org.cscstats.suppression.model.Release;
import org.cscstats.suppression.service.ReleaseReader;
import org.cscstats.suppression.service.ReleaseRefusedException;
import org.cscstats.suppression.service.ReleaseService;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Operator endpoints (bearer operator key for the LA): make a release now, read a release's audit. */
@Path("/v1/las/{la}/releases")
public class OperatorResource {
    private final ReleaseService releases;
    private final ReleaseReader reader;
    private final BearerKeys keys;

    public OperatorResource(ReleaseService releases, ReleaseReader reader,
                            @ConfigProperty(name = "suppression.operator-keys", defaultValue = "") Optional<String> keys) {
        this.releases = releases;
        this.reader = reader;
        this.keys = BearerKeys.parse(keys.orElse(""));
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("la") String la, @HeaderParam(HttpHeaders.AUTHORIZATION) List<String> authorization) {
        Optional<Response> refused = check(authorization, la);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (!Ids.la(la)) {
            return Problems.notFound("no LA " + Ids.shown(la) + ": an LA code is 3 digits");
        }
        try {
            Optional<Release> release = releases.make(la);
            if (release.isEmpty()) {
                return Problems.of(409, "Conflict", "LA " + la + " has no figures yet: nothing to release");
            }
            reader.made(release.get());
            return Response.created(URI.create("/v1/las/" + la + "/releases/" + release.get().id()))
                    .entity(release.get()).header("Cache-Control", "private, no-store").build();
        } catch (ReleaseService.ReleaseInProgressException e) {
            return Problems.of(409, "Conflict", e.getMessage());
        } catch (ReleaseRefusedException e) {
            // Fail closed: nothing was stored; the previous release stays the latest.
            return Response.fromResponse(Problems.of(422, "Unprocessable Content", e.getMessage(),
                    Map.of("la", e.la(), "cellsFailed", e.cells(), "releases", e.releases())))
                    .header("Cache-Control", "private, no-store").build();
        } catch (ReleaseService.FiguresInFlightException e) {
            return Response.fromResponse(Problems.of(503, "Service Unavailable", e.getMessage()))
                    .header("Retry-After", 5).build();
        }
    }

    @GET
    @Path("{id}/audit")
    @Produces(MediaType.APPLICATION_JSON)
    public Response audit(@PathParam("la") String la, @PathParam("id") String id,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) List<String> authorization) {
        Optional<Response> refused = check(authorization, la);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Release> release = Ids.la(la) && Ids.release(id) ? reader.release(la, id) : Optional.empty();
        if (release.isEmpty()) {
            return Problems.notFound("no release " + Excerpt.of(id) + " for LA " + Ids.shown(la));
        }
        return Response.ok(reader.audit(release.get()).orElse("{}")).type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "private, no-store").build();
    }

    private Optional<Response> check(List<String> authorization, String la) {
        if (authorization != null && authorization.size() > 1) {
            // which one would count is up to each proxy and framework on the way: refuse rather than guess
            return Optional.of(Problems.of(400, "Bad Request", "send one Authorization header, not "
                    + authorization.size()));
        }
        String token = authorization == null || authorization.isEmpty() ? null
                : BearerKeys.bearerToken(authorization.get(0)).orElse(null);
        AuthDecision decision = token == null ? AuthDecision.UNKNOWN_KEY : keys.authorise(token, la);
        return switch (decision) {
            case ALLOWED -> Optional.empty();
            case UNKNOWN_KEY -> Optional.of(Response.fromResponse(Problems.of(401, "Unauthorized",
                    "send 'Authorization: Bearer <operator key>'")).header("WWW-Authenticate", "Bearer").build());
            case LA_NOT_ALLOWED -> Optional.of(Problems.of(403, "Forbidden", "this operator key is not for LA "
                    + Ids.shown(la)));
        };
    }
}
