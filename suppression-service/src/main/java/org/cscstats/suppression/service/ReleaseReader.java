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
import java.util.function.Supplier;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.mapping.Release;
import org.cscstats.suppression.repository.ReleaseRepository;

/**
 * Reads releases for the public API. A release never changes, so what is read of it (metadata, tables) and its
 * rendered representations are kept by release id: polling dashboards cost a map lookup, identical bytes keep
 * identical ETags, and a release this pod has served is still served while PostgreSQL is away. What needs the
 * database to be current ("latest", the lists of LAs and releases, the audit) is always read from it.
 * Every rendering is a pure function of the stored release: a fresh reader renders the same bytes.
 */
@ApplicationScoped
public class ReleaseReader {
    private static final int MAX_CACHED = 20_000;
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ReleaseRepository releases;
    private final Map<String, Release> byId = new ConcurrentHashMap<>();
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

    /** A release by id, or the LA's latest when {@code id} is null or "latest" (always asked of the database). */
    public Optional<Release> release(String la, String id) {
        boolean latest = id == null || "latest".equals(id);
        if (!latest) {
            Release known = byId.get(la + "|" + id);
            if (known != null) {
                return Optional.of(known);
            }
        }
        // an unknown id is not remembered: the release may be made later
        Optional<Release> found = releases.find(la, latest ? "latest" : id);
        found.ifPresent(r -> byId.putIfAbsent(r.la() + "|" + r.id(), r));
        return found;
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

    /** One table of a release as JSON, CSV or XLSX ({@link #JSON}, {@link #CSV}, {@link #XLSX}). */
    public Rendered renderTable(Release release, PublishedTable t, String type) {
        return render(release, t.table() + "|" + type, () -> switch (type) {
            case CSV -> TableRendering.csv(t);
            case XLSX -> TableRendering.xlsx(List.of(t), false, release.createdAt());
            default -> TableRendering.json(TableRendering.body(t, release));
        });
    }

    /** A rendering of something in a release, computed once. */
    public Rendered render(Release release, String what, Supplier<byte[]> render) {
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
