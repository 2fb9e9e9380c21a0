package org.cscstats.k8scheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths in the checkout: the tests read the manifests and the services' configuration from the repository. */
final class Repo {
    private static Path root;

    private Repo() {
    }

    /** The checkout: the nearest directory above the working directory holding {@code deploy/k8s}. */
    static synchronized Path root() {
        if (root == null) {
            Path dir = Path.of("").toAbsolutePath();
            while (dir != null && !Files.isDirectory(dir.resolve("deploy/k8s"))) {
                dir = dir.getParent();
            }
            if (dir == null) {
                throw new IllegalStateException("deploy/k8s not found above " + Path.of("").toAbsolutePath());
            }
            root = dir;
        }
        return root;
    }

    static Path k8s() {
        return root().resolve("deploy/k8s");
    }

    static Path overlay(String name) {
        return k8s().resolve("overlays").resolve(name);
    }

    static Path applicationProperties(String module) {
        return root().resolve(module).resolve("src/main/resources/application.properties");
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
