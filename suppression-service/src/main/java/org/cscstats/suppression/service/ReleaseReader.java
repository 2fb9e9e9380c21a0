package org.cscstats.suppression.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.mapping.Release;
import org.cscstats.suppression.repository.ReleaseRepository;

/**
 * Reads releases for the public API. A release never changes, so its rendered representations are cached by
 * release id: polling dashboards cost a map lookup, and identical bytes keep identical ETags.
 */
@ApplicationScoped
public class ReleaseReader {
    private static final int MAX_CACHED = 20_000;

    private final ReleaseRepository releases;
    private final Map<String, List<PublishedTable>> tables = new ConcurrentHashMap<>();
    private final Map<String, Rendered> rendered = new ConcurrentHashMap<>();

    public ReleaseReader(ReleaseRepository releases) {
        this.releases = releases;
    }

    /** Bytes with their entity tag. */
    public record Rendered(byte[] bytes, String etag) {
        static Rendered of(byte[] bytes) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
                return new Rendered(bytes, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public Optional<Release> release(String la, String id) {
        return releases.find(la, id == null ? "latest" : id);
    }

    public List<Release> releases(String la) {
        return releases.forLa(la);
    }

    public List<Map<String, String>> las() {
        return releases.latestPerLa();
    }

    public List<PublishedTable> tables(Release release) {
        return tables.computeIfAbsent(release.id(), releases::tables);
    }

    public Optional<PublishedTable> table(Release release, String tableId) {
        return tables(release).stream().filter(t -> t.table().equals(tableId)).findFirst();
    }

    /** A rendering of something in a release, computed once. */
    public Rendered render(Release release, String what, java.util.function.Supplier<byte[]> render) {
        if (rendered.size() > MAX_CACHED) {
            rendered.clear();
        }
        return rendered.computeIfAbsent(release.id() + "|" + what, k -> Rendered.of(render.get()));
    }

    public static Rendered of(String text) {
        return Rendered.of(text.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<String> audit(Release release) {
        return releases.audit(release.id());
    }
}
