package org.minyi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Collects the runs of every benchmark ({@code <runs-dir>/<id>/<n>/<id>.json}, written by {@code bench/run}) into
 * {@code docs/benchmarks.md}: the machine, the date, the commit, and per figure the median of the runs, the runs, the
 * unit, the aim and whether the median meets it, with the commands each benchmark ran. A benchmark listed in
 * {@code <runs-dir>/missing.txt} (its class is not in this build) or without any run is reported as such.
 * <pre>./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.bench.BenchmarkSuite -Dexec.args="target/bench/runs docs/benchmarks.md"</pre>
 */
public final class BenchmarkSuite {

    static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        TITLES.put("ingest-h2", "End-to-end ingestion on H2 (store, analyse, cluster, route; HTTP batches)");
        TITLES.put("ingest-pg", "End-to-end ingestion on PostgreSQL");
        TITLES.put("analysis", "Analysis throughput and segmentation side by side (one thread)");
        TITLES.put("crawl", "Crawl of a local fixture forum (GBK Discuz pages on 127.0.0.1)");
        TITLES.put("alerts", "Alert latency (post collected → alert raised)");
        TITLES.put("dashboard", "Dashboard");
        TITLES.put("api", "API latency under concurrent load at 1,000,000 posts (PostgreSQL), and memory");
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path runs = Path.of(args.length > 0 ? args[0] : "target/bench/runs");
        Path out = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
        ObjectMapper json = new ObjectMapper();
        List<String> missing = Files.exists(runs.resolve("missing.txt")) ? Files.readAllLines(runs.resolve("missing.txt")) : List.of();
        List<String> failed = Files.exists(runs.resolve("failed.txt")) ? Files.readAllLines(runs.resolve("failed.txt")) : List.of();
        // one line per invocation of bench/run that produced runs kept here: "<command>\t<commit>\t<time>"
        List<String> invocations = Files.exists(runs.resolve("command.txt"))
                ? Files.readAllLines(runs.resolve("command.txt")).stream().filter(l -> !l.isBlank()).toList() : List.of("bench/run");
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        if (invocations.size() == 1) {
            String[] f = invocations.get(0).split("\t");
            md.append("Measured by `").append(f[0]).append("`");
            if (f.length >= 3) {
                md.append(" at commit ").append(f[1]).append(", started ").append(f[2]);
            }
        } else {
            md.append("Measured by ");
            for (int i = 0; i < invocations.size(); i++) {
                String[] f = invocations.get(i).split("\t");
                md.append(i == 0 ? "" : i == invocations.size() - 1 ? ", then " : ", ").append('`').append(f[0]).append('`');
                if (f.length >= 3) {
                    md.append(" (").append(f[1]).append(", ").append(f[2]).append(')');
                }
            }
            md.append(" (each later command ran the benchmarks it names again and kept the others' runs)");
        }
        md.append(" (see [How to run](#how-to-run) at the end). Each figure is the **median** of ")
                .append("the runs listed beside it; the aims are issue 10's. Every benchmark is a command, not a timed test, and lists the ")
                .append("commands it ran so anyone can repeat it.\n\n");
        md.append("## Machine\n\n| | |\n|---|---|\n");
        md.append("| date | ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append(" |\n");
        md.append("| commit | ").append(sh("git", "rev-parse", "--short", "HEAD")).append(sh("git", "status", "--porcelain").isBlank() ? "" : " (with uncommitted changes)").append(" |\n");
        md.append("| CPU | ").append(cpu()).append(" |\n");
        md.append("| cores | ").append(Runtime.getRuntime().availableProcessors()).append(" |\n");
        md.append("| RAM | ").append(ram()).append(" |\n");
        md.append("| OS | ").append(os()).append(" |\n");
        md.append("| JVM | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(" (").append(System.getProperty("java.vendor")).append(") |\n");
        md.append("| PostgreSQL | ").append(Bench.pgVersion()).append(" on 127.0.0.1 |\n");
        md.append("| load average when this page was written | ").append(loadAverage()).append(" (the runs' own machine state is in the notes) |\n\n");

        md.append("## Summary\n\n| benchmark | figure | median | unit | aim | met |\n|---|---|---|---|---|---|\n");
        StringBuilder details = new StringBuilder();
        List<String> missed = new ArrayList<>();
        for (String id : TITLES.keySet()) {
            Path dir = runs.resolve(id);
            List<JsonNode> results = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(p -> p.getFileName().toString().equals(id + ".json")).sorted().toList()) {
                        results.add(json.readTree(f.toFile()));
                    }
                }
            }
            details.append("## ").append(TITLES.get(id)).append(" (`").append(id).append("`)\n\n");
            if (results.isEmpty()) {
                String why = missing.contains(id) ? "not measured: the benchmark class is not in this build"
                        : failed.stream().anyMatch(l -> l.startsWith(id + " ")) ? "not measured: every run failed (see the log under target/bench/logs)"
                        : "not measured in this run of the suite";
                md.append("| ").append(id).append(" | – | – | – | – | ").append(why).append(" |\n");
                details.append(why).append(".\n\n");
                continue;
            }
            details.append("| figure | median | runs | unit | aim | met | note |\n|---|---|---|---|---|---|---|\n");
            Map<String, List<JsonNode>> byName = new LinkedHashMap<>();
            for (JsonNode r : results) {
                for (JsonNode f : r.get("figures")) {
                    byName.computeIfAbsent(f.get("name").asText(), k -> new ArrayList<>()).add(f);
                }
            }
            for (Map.Entry<String, List<JsonNode>> e : byName.entrySet()) {
                double[] values = e.getValue().stream().mapToDouble(f -> f.get("value").asDouble()).toArray();
                double median = Bench.median(values);
                JsonNode first = e.getValue().get(0);
                String aim = first.hasNonNull("aim") ? first.get("aim").asText() : "";
                String met = aim.isEmpty() ? "" : meets(aim, median) ? "met" : "**missed**";
                if (met.equals("**missed**")) {
                    missed.add(id + ": " + e.getKey() + " = " + Bench.f(median) + " " + first.get("unit").asText() + " (aim " + aim + ")");
                }
                String note = e.getValue().get(e.getValue().size() - 1).hasNonNull("note") ? e.getValue().get(e.getValue().size() - 1).get("note").asText() : "";
                List<String> rs = new ArrayList<>();
                for (double v : values) {
                    rs.add(Bench.f(v));
                }
                String unit = first.get("unit").asText();
                details.append("| ").append(e.getKey()).append(" | **").append(Bench.f(median)).append("** | ").append(String.join(", ", rs))
                        .append(" | ").append(unit).append(" | ").append(aim).append(" | ").append(met).append(" | ").append(note.replace("|", "/"))
                        .append(" |\n");
                if (!aim.isEmpty() || results.size() > 0 && isHeadline(id, e.getKey())) {
                    md.append("| ").append(id).append(" | ").append(e.getKey()).append(" | ").append(Bench.f(median)).append(" | ").append(unit)
                            .append(" | ").append(aim).append(" | ").append(met).append(" |\n");
                }
            }
            details.append("\nCommands:\n\n```\n");
            for (JsonNode c : results.get(0).get("commands")) {
                details.append(c.asText()).append('\n');
            }
            details.append("```\n\n");
        }
        md.append('\n');
        if (!missed.isEmpty()) {
            md.append("**Aims missed in this run:**\n\n");
            missed.forEach(m -> md.append("- ").append(m).append('\n'));
            md.append("\nWhy, with the profiles, in [Closing note](#closing-note).\n\n");
        }
        md.append(details);
        Path notes = Path.of("docs/benchmarks-notes.md");
        md.append("## Closing note\n\n");
        md.append(Files.exists(notes) ? Files.readString(notes, StandardCharsets.UTF_8).strip() + "\n\n" : "(docs/benchmarks-notes.md is missing)\n\n");
        Path howto = Path.of("docs/benchmarks-howto.md");
        if (Files.exists(howto)) {
            md.append(Files.readString(howto, StandardCharsets.UTF_8).strip()).append('\n');
        }
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("written " + out.toAbsolutePath());
    }

    static boolean isHeadline(String id, String name) {
        return id.equals("analysis") || id.equals("crawl") || id.equals("alerts") || id.equals("dashboard")
                || name.contains("end to end") || name.contains("CPU per post") || name.contains("heap") || name.contains("requests per second");
    }

    static boolean meets(String aim, double value) {
        double target = Double.parseDouble(aim.substring(2).strip());
        return aim.startsWith("≥") ? value >= target : value <= target;
    }

    static String cpu() throws IOException {
        Path p = Path.of("/proc/cpuinfo");
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        }
        return System.getProperty("os.arch");
    }

    static String ram() throws IOException {
        Path p = Path.of("/proc/meminfo");
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("MemTotal")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kb / 1048576.0);
                }
            }
        }
        return "?";
    }

    static String os() throws IOException {
        Path p = Path.of("/etc/os-release");
        String name = System.getProperty("os.name");
        if (Files.exists(p)) {
            for (String line : Files.readAllLines(p)) {
                if (line.startsWith("PRETTY_NAME=")) {
                    name = line.substring(12).replace("\"", "");
                }
            }
        }
        return name + ", kernel " + System.getProperty("os.version");
    }

    static String loadAverage() throws IOException {
        Path p = Path.of("/proc/loadavg");
        return Files.exists(p) ? String.join(" ", List.of(Files.readString(p).split(" ")).subList(0, 3)) : "?";
    }

    static String sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        return out;
    }
}
