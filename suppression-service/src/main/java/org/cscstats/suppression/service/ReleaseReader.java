package org.cscstats.suppression.service;

import static org.cscstats.suppression.service.Await.await;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.cscstats.suppression.catalogue.PublishedTable;
import org.cscstats.suppression.model.Release;
import org.cscstats.suppression.repository.ReleaseRepository;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads releases for the public API. A release never changes, so what is read of it (metadata, tables) and its
 * rendered representations are kept by release id: polling dashboards cost a map lookup, identical bytes keep
 * identical ETags, and a release this pod has served is still served while PostgreSQL is away. What needs the
 * database to be current ("latest", the lists of LAs and releases, the audit) is always read from it.
 * Every rendering is a pure function of the stored release: a fresh reader renders the same bytes.
 */
@ApplicationScoped
public class ReleaseReader {
    /** Used by the reader made without configuration (tests of rendering). */
    private static final long DEFAULT_CACHE_BYTES = 64L << 20;
    public static final String JSON = "application/json";
    public static final String CSV = "text/csv";
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final ReleaseRepository releases;
    private final Map<String, Release> byId = new ConcurrentHashMap<>();
    private final Map<String, List<PublishedTable>> tables = new ConcurrentHashMap<>();
    private final RenderCache rendered;

    private final long latestTtlNanos;
    private final Map<String, Latest> latest = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

    /** An LA's latest release as read at a moment. */
    private record Latest(Release release, long readAt) {
    }

    /**
     * @param latestTtl how long "latest" read from the database is reused: polling dashboards then cost no
     *                  database round trip, and another pod's new release shows here at most this much later
     *                  (this pod's own releases show at once)
     */
    @Inject
    public ReleaseReader(ReleaseRepository releases,
                         @ConfigProperty(name = "suppression.latest-ttl", defaultValue = "1s")
                         Duration latestTtl,
                         @ConfigProperty(name = "suppression.render-cache-bytes")
                         long renderCacheBytes) {
        this.releases = releases;
        this.latestTtlNanos = latestTtl.toNanos();
        this.rendered = new RenderCache(renderCacheBytes);
    }

    /** A reader that asks the database for "latest" every time. */
    public ReleaseReader(ReleaseRepository releases) {
        this(releases, Duration.ZERO, DEFAULT_CACHE_BYTES);
    }

    /**
     * A release this pod has just made is the LA's latest from now on: forget the remembered one, so the next
     * request reads it back from the database (rendering only ever what is stored keeps the bytes the same after a
     * restart).
     */
    public void made(Release release) {
        latest.remove(release.la());
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

    /** A release by id, or the LA's latest when {@code id} is null or "latest" (asked of the database, at most
     *  once per {@code suppression.latest-ttl}). */
    public Optional<Release> release(String la, String id) {
        boolean latest = id == null || "latest".equals(id);
        if (latest && latestTtlNanos > 0) {
            Latest known = this.latest.get(la);
            if (known != null && System.nanoTime() - known.readAt() < latestTtlNanos) {
                return Optional.of(known.release());
            }
            // expired: one request asks the database, the others answer with what is known meanwhile, so a busy
            // database slows one request a second per LA instead of every poll that arrives while it answers
            if (known != null && !refreshing.add(la)) {
                return Optional.of(known.release());
            }
            if (known != null) {
                try {
                    return read(la, null);
                } finally {
                    refreshing.remove(la);
                }
            }
        }
        return read(la, latest ? null : id);
    }

    /** Reads a release by id (remembered) or, for a null id, the LA's latest from the database. */
    private Optional<Release> read(String la, String id) {
        boolean latest = id == null;
        if (!latest) {
            Release known = byId.get(la + "|" + id);
            if (known != null) {
                return Optional.of(known);
            }
        }
        // an unknown id is not remembered: the release may be made later
        long readAt = System.nanoTime();
        Optional<Release> found = await(releases.find(la, latest ? "latest" : id));
        found.ifPresent(r -> byId.putIfAbsent(r.la() + "|" + r.id(), r));
        if (latest && found.isPresent()) {
            // a reading that started before a release of this pod's may be stale: keep whichever started later
            this.latest.merge(la, new Latest(found.get(), readAt), (old, now) -> old.readAt() > now.readAt() ? old : now);
        }
        return found;
    }

    public List<Release> releases(String la) {
        return await(releases.forLa(la));
    }

    public List<Map<String, String>> las() {
        return await(releases.latestPerLa());
    }

    public List<PublishedTable> tables(Release release) {
        return tables.computeIfAbsent(release.id(), id -> await(releases.tables(id)));
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

    /** A rendering of something in a release, computed once while it stays in the (byte-bounded) cache. */
    public Rendered render(Release release, String what, Supplier<byte[]> render) {
        return rendered.get(release.id() + "|" + what, () -> Rendered.of(render.get()));
    }

    /** Bytes the render cache holds now (suppression.render-cache-bytes bounds it). */
    public long cachedBytes() {
        return rendered.bytes();
    }

    public static Rendered of(String text) {
        return Rendered.of(text.getBytes(StandardCharsets.UTF_8));
    }

    public Optional<String> audit(Release release) {
        return await(releases.audit(release.id()));
    }
}
