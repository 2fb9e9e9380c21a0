package org.cscstats.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Progress to stderr, results as Markdown tables: printed at the end and written to a file. */
final class Report {
    private final StringBuilder md = new StringBuilder();
    private final List<String[]> rows = new ArrayList<>();
    private String section;

    Report(String title, String command) {
        md.append("# ").append(title).append("\n\n");
        md.append("Run ").append(LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16))
                .append(" on ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(machineMemory()).append(", load average before the run ").append(loadAverage())
                .append(".\nCommand: `").append(command).append("`\n");
    }

    void log(String format, Object... args) {
        System.err.printf("[%s] %s%n", LocalDateTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")), String.format(format, args));
    }

    void section(String title) {
        flushSection();
        section = title;
    }

    void row(String what, Object value) {
        rows.add(new String[]{what, String.valueOf(value)});
    }

    void note(String text) {
        flushSection();
        md.append("\n").append(text).append("\n");
    }

    String markdown() {
        flushSection();
        return md.toString();
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown());
    }

    private void flushSection() {
        if (section != null) {
            md.append("\n## ").append(section).append("\n\n| | |\n|---|---|\n");
            rows.forEach(r -> md.append("| ").append(r[0]).append(" | ").append(r[1]).append(" |\n"));
        }
        section = null;
        rows.clear();
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String machineMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return (Long.parseLong(line.replaceAll("\\D", "")) >> 20) + " GiB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "? GiB";
    }
}
