package org.cscstats.attack.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads an LA's releases through the public API only (no key): what any reader can fetch. A {@code file:} base
 * reads an archive of earlier responses instead (as {@link #archivingTo} wrote them), so a run can be attacked
 * again after the system is gone.
 */
public final class PublicApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final Path archive;

    public PublicApi(String baseUrl) {
        this(baseUrl, null);
    }

    private PublicApi(String baseUrl, Path archive) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.archive = archive;
    }

    /** The same reader, also keeping every response under {@code dir} (readable again as {@code file:dir}). */
    public PublicApi archivingTo(Path dir) {
        return new PublicApi(base, dir);
    }

    /** Every release of the LA, oldest first, each with every table of its catalogue. */
    public List<ReleaseReading> releases(String la) {
        List<ReleaseReading> out = new ArrayList<>();
        for (JsonNode r : get("/v1/las/" + enc(la) + "/releases")) {
            String id = r.path("id").asText();
            List<ShownTable> tables = new ArrayList<>();
            for (JsonNode t : get("/v1/las/" + enc(la) + "/tables?release=" + enc(id)).path("tables")) {
                tables.add(ShownTable.of(get("/v1/las/" + enc(la) + "/tables/" + enc(t.path("id").asText())
                        + "?release=" + enc(id))));
            }
            out.add(new ReleaseReading(id, r.path("number").asInt(), PolicyView.of(r.path("policy")), tables));
        }
        out.sort(Comparator.comparingInt(ReleaseReading::number));
        return out;
    }

    private JsonNode get(String path) {
        try {
            if (base.startsWith("file:")) {
                return JSON.readTree(Files.readString(file(Path.of(URI.create(base + "/")), path)));
            }
            String body = fetch(path);
            if (archive != null) {
                Path f = file(archive, path);
                Files.createDirectories(f.getParent());
                Files.writeString(f, body);
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        }
    }

    private static Path file(Path root, String path) {
        return root.resolve(path.substring(1).replace('?', '_') + ".json");
    }

    private String fetch(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
