package org.cscstats.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole system ({@link LocalSystem}: Kafka, PostgreSQL and the three built services) for one test class, in a
 * fresh temporary data directory. Register it as a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final LocalSystemExtension LOCAL = new LocalSystemExtension("cscstats-spine-");
 * </pre>
 *
 * It starts before the class's {@code @BeforeAll} methods and stops after its {@code @AfterAll} methods. The data
 * directory is deleted when every test passed and kept (its path printed) after a failure: the services' logs are in
 * {@code data/logs}.
 */
public final class LocalSystemExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private final String prefix;
    private final Map<String, String> extraEnv;
    private Path data;
    private LocalSystem system;
    private volatile boolean failed;

    public LocalSystemExtension(String prefix) {
        this(prefix, Map.of());
    }

    /** @param extraEnv more configuration for every service (e.g. a policy) */
    public LocalSystemExtension(String prefix, Map<String, String> extraEnv) {
        this.prefix = prefix;
        this.extraEnv = extraEnv;
    }

    public LocalSystem system() {
        if (system == null) {
            throw new IllegalStateException("the local system is not running (register the extension on a static field)");
        }
        return system;
    }

    /** The data directory: kafka/, postgres/ and logs/. */
    public Path data() {
        return data;
    }

    public Path logs() {
        return data.resolve("logs");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        data = Files.createTempDirectory(prefix);
        system = LocalSystem.start(LocalSystem.projectRoot(), data, LocalSystem.Ports.ANY, extraEnv);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (system != null) {
                system.close();
            }
        } finally {
            system = null;
            if (failed || context.getExecutionException().isPresent()) {
                System.err.println("[" + context.getDisplayName() + "] kept the system's data and logs in " + data);
            } else {
                deleteQuietly(data);
            }
        }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // nothing ran
    }

    static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temp directory left behind
        }
    }
}
