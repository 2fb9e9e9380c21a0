package org.cscstats.ingest.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.util.Collection;
import java.util.Optional;
import org.cscstats.contract.auth.AuthDecision;
import org.cscstats.contract.auth.BearerKeys;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Bearer-key checks for the ingest endpoints: 401 without a valid key, 403 for an LA the key may not send. */
@ApplicationScoped
public class IngestAuthorisation {
    private final BearerKeys keys;

    public IngestAuthorisation(@ConfigProperty(name = "ingest.keys", defaultValue = "") Optional<String> config) {
        this.keys = BearerKeys.parse(config.orElse(""));
    }

    /** A problem response if the header's key is missing or unknown, else empty. */
    public Optional<Response> authenticate(String authorization) {
        Optional<String> token = BearerKeys.bearerToken(authorization);
        if (token.isEmpty() || keys.identify(token.get()).isEmpty()) {
            return Optional.of(Response.fromResponse(Problem.response(401, "Unauthorized",
                            "send 'Authorization: Bearer <key>' with an ingest key configured for your LA"))
                    .header("WWW-Authenticate", "Bearer").build());
        }
        return Optional.empty();
    }

    /** A 403 problem if the key may not send for one of these LAs, else empty. */
    public Optional<Response> authorise(String authorization, Collection<String> las) {
        String token = BearerKeys.bearerToken(authorization).orElse("");
        for (String la : las) {
            if (keys.authorise(token, la) != AuthDecision.ALLOWED) {
                return Optional.of(Problem.response(403, "Forbidden", "this key may not send events for LA " + la));
            }
        }
        return Optional.empty();
    }
}
