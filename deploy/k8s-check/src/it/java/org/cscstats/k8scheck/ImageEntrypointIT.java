package org.cscstats.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cscstats.infra.FreePorts;
import org.cscstats.infra.LocalKafka;
import org.cscstats.infra.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each image built by deploy/images/build-images.sh starts its service: the image tarball's layers are unpacked
 * into a root directory and the image's own entrypoint, user, working directory and environment are run on it,
 * against a real Kafka and PostgreSQL (deploy/infra), until /q/health/started, /live and /ready answer 200 on the
 * management port (and not on the public one).
 *
 * <p>As root (CI, this machine) the entrypoint runs as in a container: in a private mount namespace, chrooted into
 * the unpacked root, read-only, with /proc, /dev and a tmpfs /tmp mounted, as the image's user 10001, so it uses
 * only the image's JRE and libraries. Otherwise the image's JRE runs the image's /app from the host.
 */
class ImageEntrypointIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    static Path work;
    static LocalKafka kafka;
    static LocalPostgres postgres;

    @BeforeAll
    static void startInfrastructure() throws IOException {
        work = Files.createTempDirectory("cscstats-image-check-");
        kafka = LocalKafka.start(work.resolve("kafka"), FreePorts.next(), work.resolve("kafka.log"));
        kafka.createTopics(LocalKafka.systemTopics());
        postgres = LocalPostgres.start(work.resolve("postgres"), FreePorts.next());
        postgres.createDatabase("stats");
        postgres.createDatabase("suppression");
    }

    @AfterAll
    static void stopInfrastructure() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (work != null) {
            new ProcessBuilder("rm", "-rf", work.toString()).inheritIO().start().waitFor();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "stats-service", "suppression-service"})
    void theImageEntrypointStartsTheService(String service) throws Exception {
        Path tarball = Path.of(System.getProperty("images.dir", "../images/target")).resolve(service + ".tar");
        assertTrue(Files.isRegularFile(tarball), tarball + " missing: run deploy/images/build-images.sh");
        Instant t0 = Instant.now();
        Image image = Image.unpack(tarball, work.resolve(service));
        long unpackMillis = Duration.between(t0, Instant.now()).toMillis();

        assertEquals(List.of("java", "-jar", "/app/quarkus-run.jar"), image.entrypoint(), "entrypoint");
        assertEquals("10001:10001", image.user(), "a numeric non-root user, so runAsNonRoot can check it");
        assertTrue(image.env().getOrDefault("JAVA_TOOL_OPTIONS", "").contains("-XX:MaxRAMPercentage=75"),
                "the JVM sizes its heap from the container's memory limit: " + image.env());
        assertTrue(image.repoTags().contains("cscstats/" + service + ":" + System.getProperty("images.tag",
                "0.1.0-SNAPSHOT")), "tag " + image.repoTags());
        assertTrue(Files.isRegularFile(image.root().resolve("app/quarkus-run.jar")), "quarkus-app layout in /app");
        assertTrue(Files.isDirectory(image.root().resolve("app/lib/main")), "quarkus-app layout in /app");

        int port = FreePorts.next();
        int management = FreePorts.next();
        Map<String, String> env = new LinkedHashMap<>(image.env());
        // as on Kubernetes with a 1 GiB memory limit: the heap becomes 75% of it
        env.put("JAVA_TOOL_OPTIONS", env.get("JAVA_TOOL_OPTIONS") + " -XX:MaxRAM=1073741824");
        env.putAll(serviceEnvironment(service, port));
        env.put(service.substring(0, service.indexOf('-')).toUpperCase() + "_MANAGEMENT_PORT", Integer.toString(management));
        Path log = work.resolve(service + ".log");
        Launch launch = Launch.of(image, env, log);
        Instant started = Instant.now();
        Process process = launch.process();
        try {
            awaitUp(process, management, log);
            long startMillis = Duration.between(started, Instant.now()).toMillis();
            for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics")) {
                assertEquals(200, get(management, path), path + " on the management port");
                assertEquals(404, get(port, path), path + " on the public port");
            }
            if (launch.mode().startsWith("chroot")) {
                // the JVM itself (exec'd, not forked) runs as the image's user
                String uid = Files.readAllLines(Path.of("/proc/" + process.pid() + "/status")).stream()
                        .filter(l -> l.startsWith("Uid:")).findFirst().orElse("");
                assertTrue(uid.matches("Uid:\\s+" + image.user().split(":")[0] + "\\s.*"), uid);
            }
            String output = Files.readString(log);
            assertTrue(output.contains("Picked up JAVA_TOOL_OPTIONS"), "the JVM read the image's JAVA_TOOL_OPTIONS");
            System.out.printf("%s: image %s unpacked in %d ms, ran as %s (%s), ready in %d ms%n", service,
                    image.repoTags(), unpackMillis, image.user(), launch.mode(), startMillis);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail(service + " did not stop within 30 s of SIGTERM");
            }
        }
    }

    static Map<String, String> serviceEnvironment(String service, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        switch (service) {
            case "ingest-service" -> {
                env.put("INGEST_HTTP_PORT", Integer.toString(port));
                env.put("INGEST_PSEUDONYM_KEY", "image-check-pseudonym-key-of-at-least-32-bytes");
                env.put("INGEST_KEYS", sha256("image-check-key") + ":*");
            }
            case "stats-service" -> {
                env.put("STATS_HTTP_PORT", Integer.toString(port));
                database(env, "stats");
            }
            case "suppression-service" -> {
                env.put("SUPPRESSION_HTTP_PORT", Integer.toString(port));
                database(env, "suppression");
                env.put("OPERATOR_KEYS", sha256("image-check-operator-key") + ":*");
                // as the serving pods run it (deploy/k8s): no scheduled releases
                env.put("SUPPRESSION_RELEASE_CRON", "off");
            }
            default -> throw new IllegalArgumentException(service);
        }
        return env;
    }

    static void database(Map<String, String> env, String name) {
        env.put("DB_REACTIVE_URL", postgres.reactiveUrl(name));
        env.put("DB_JDBC_URL", postgres.jdbcUrl(name));
        env.put("DB_USER", LocalPostgres.USER);
        env.put("DB_PASSWORD", LocalPostgres.PASSWORD);
    }

    static void awaitUp(Process process, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                fail("the entrypoint exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (get(port, "/q/health/started") == 200 && get(port, "/q/health/ready") == 200) {
                return;
            }
            Thread.sleep(500);
        }
        fail("not started and ready within " + START_TIMEOUT.toSeconds() + " s:\n" + tail(log));
    }

    static int get(int port, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An image tarball (docker save format, as jib:buildTar writes), unpacked: its root and its configuration. */
    record Image(Path root, List<String> entrypoint, List<String> cmd, String user, String workingDir,
                 Map<String, String> env, List<String> repoTags) {
        static Image unpack(Path tarball, Path dir) throws Exception {
            Path meta = dir.resolve("image");
            Path root = dir.resolve("rootfs");
            Files.createDirectories(meta);
            Files.createDirectories(root);
            run(List.of("tar", "-xf", tarball.toString(), "-C", meta.toString()));
            JsonNode manifest = JSON.readTree(meta.resolve("manifest.json").toFile()).get(0);
            for (JsonNode layer : manifest.path("Layers")) {
                // each layer in order; whiteouts (.wh.*) would delete, but Jib writes none over this base
                run(List.of("tar", "--warning=no-unknown-keyword", "-xf", meta.resolve(layer.asText()).toString(),
                        "-C", root.toString()));
            }
            JsonNode config = JSON.readTree(meta.resolve(manifest.path("Config").asText()).toFile()).path("config");
            Map<String, String> env = new LinkedHashMap<>();
            config.path("Env").forEach(e -> {
                String s = e.asText();
                env.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            });
            List<String> tags = new ArrayList<>();
            manifest.path("RepoTags").forEach(t -> tags.add(t.asText()));
            return new Image(root, strings(config.path("Entrypoint")), strings(config.path("Cmd")),
                    config.path("User").asText(), config.path("WorkingDir").asText("/"), env, tags);
        }

        static List<String> strings(JsonNode array) {
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asText()));
            return out;
        }

        List<String> command() {
            List<String> c = new ArrayList<>(entrypoint);
            c.addAll(cmd);
            return c;
        }
    }

    /** How the entrypoint is run: in a container-like chroot when root, else with the image's JRE on the host. */
    record Launch(String mode, Process process) {
        /** Mounts what a container runtime would, then enters the root as the image's user, read-only. */
        static final String CONTAINER = """
                set -e
                root="$1"; wd="$2"; uid="$3"; gid="$4"; shift 4
                mount --bind "$root" "$root"
                mount -t proc proc "$root/proc"
                mount --rbind /dev "$root/dev"
                mount -t tmpfs -o mode=1777,size=512m tmpfs "$root/tmp"
                mount --bind /etc/hosts "$root/etc/hosts"
                mount --bind /etc/resolv.conf "$root/etc/resolv.conf"
                mount -o remount,bind,ro "$root"
                export PATH="$IMAGE_PATH"
                unset IMAGE_PATH
                exec /usr/bin/unshare --root="$root" --wd="$wd" --setgid="$gid" --setuid="$uid" "$@"
                """;

        static Launch of(Image image, Map<String, String> env, Path log) throws Exception {
            String[] user = image.user().split(":");
            boolean root = "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/unshare"))
                    && run(List.of("unshare", "--mount", "true"), false) == 0;
            List<String> command = new ArrayList<>();
            ProcessBuilder pb;
            String mode;
            if (root) {
                // mount points for what Kubernetes mounts (hosts, resolv.conf): created in the unpacked copy only
                Files.createDirectories(image.root().resolve("etc"));
                for (String f : List.of("etc/hosts", "etc/resolv.conf")) {
                    if (!Files.exists(image.root().resolve(f))) {
                        Files.createFile(image.root().resolve(f));
                    }
                }
                // no --fork anywhere: unshare, sh and unshare exec one another, so the process started here *is*
                // the service's JVM and gets SIGTERM directly, as from a container runtime; the mount namespace
                // (and every mount in it) ends with it
                command.addAll(List.of("unshare", "--mount", "--propagation", "private", "--", "/bin/sh", "-c",
                        CONTAINER, "sh", image.root().toString(), image.workingDir(), user[0], user[1]));
                command.addAll(image.command());
                pb = new ProcessBuilder(command);
                pb.environment().clear();
                pb.environment().putAll(env);
                pb.environment().put("IMAGE_PATH", env.getOrDefault("PATH", "/usr/bin:/bin"));
                pb.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
                mode = "chroot into the unpacked image, read-only root, as uid " + user[0];
            } else {
                List<String> c = image.command();
                for (String dir : env.getOrDefault("PATH", "").split(":")) {
                    Path candidate = image.root().resolve(dir.substring(1)).resolve(c.get(0));
                    if (Files.isExecutable(candidate)) {
                        command.add(candidate.toString());
                        break;
                    }
                }
                for (String arg : c.subList(1, c.size())) {
                    command.add(arg.startsWith("/") && Files.exists(image.root().resolve(arg.substring(1)))
                            ? image.root().resolve(arg.substring(1)).toString() : arg);
                }
                pb = new ProcessBuilder(command).directory(image.root().resolve(image.workingDir().substring(1)).toFile());
                pb.environment().clear();
                pb.environment().putAll(env);
                mode = "the image's JRE on the host (not root: no chroot)";
            }
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            return new Launch(mode, pb.start());
        }
    }

    static void run(List<String> command) throws Exception {
        if (run(command, true) != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    static int run(List<String> command, boolean inherit) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        if (inherit) {
            pb.inheritIO();
        } else {
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        return pb.start().waitFor();
    }
}
