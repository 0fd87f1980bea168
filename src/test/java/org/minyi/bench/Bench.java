package org.minyi.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers shared by the benchmark commands: PostgreSQL databases, realistic texts, heap figures, arguments. */
public final class Bench {

    /** The PostgreSQL server the benchmarks use (the same as the {@code -Ppg} build's tests). */
    public static final String PG = System.getProperty("minyi.bench.pg", "jdbc:postgresql://127.0.0.1:5432/");
    public static final String PG_USER = System.getProperty("minyi.bench.pg-user", "postgres");

    private Bench() {
    }

    /** {@code --name value} from the arguments, or the default. */
    public static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--" + name)) {
                return args[i + 1];
            }
        }
        return dflt;
    }

    public static int intArg(String[] args, String name, int dflt) {
        return Integer.parseInt(arg(args, name, String.valueOf(dflt)));
    }

    /** {@code -Dminyi.app.dir=...} as given to this run (the packaged service it started), for the printed commands. */
    public static String appDirOption() {
        String dir = System.getProperty("minyi.app.dir");
        return dir == null ? "" : " -Dminyi.app.dir=" + dir;
    }

    /** Deletes a benchmark's working directory (its H2 files and service log) after a successful run. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    public static Connection pg(String database) throws SQLException {
        return DriverManager.getConnection(PG + database, PG_USER, "");
    }

    /** Drops (if present) and creates an empty database. */
    public static void freshDatabase(String name) throws SQLException {
        try (Connection c = pg("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        }
    }

    public static boolean databaseExists(String name) throws SQLException {
        try (Connection c = pg("postgres"); var s = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            s.setString(1, name);
            return s.executeQuery().next();
        }
    }

    public static String pgVersion() {
        try (Connection c = pg("postgres"); var rs = c.createStatement().executeQuery("show server_version")) {
            return rs.next() ? rs.getString(1) : "?";
        } catch (SQLException e) {
            return "unreachable";
        }
    }

    /** Where the shared research data lies (read by path, never copied). */
    public static Path sharedData() {
        return Path.of(System.getProperty("minyi.shared.dir", "../shared"), "data");
    }

    /**
     * Real Chinese Weibo texts (the clustering and scenario files of the shared data, when present), else an empty
     * list. Benchmarks mix them with generated local-issue texts.
     */
    public static List<String> realTexts() throws IOException {
        List<String> out = new ArrayList<>();
        Path tsv = sharedData().resolve("clustering/ced_cluster_dev_300.tsv");
        if (Files.exists(tsv)) {
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t", 4);
                if (f.length == 4 && f[3].length() >= 8) {
                    out.add(f[3]);
                }
            }
        }
        Path jsonl = sharedData().resolve("scenarios/ningbo-building-2012.jsonl");
        if (Files.exists(jsonl)) {
            Pattern text = Pattern.compile("\"text\": \"((?:[^\"\\\\]|\\\\.)*)\"");
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                Matcher m = text.matcher(line);
                if (m.find()) {
                    out.add(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            }
        }
        return out;
    }

    /** Heap in use (bytes) from the service's Prometheus metrics (read as admin: metrics need a sign-in), or -1. */
    public static double heapUsed(String baseUrl, String adminPassword) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            String body = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics")).timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                                    .getBytes(StandardCharsets.UTF_8))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            Matcher m = Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+-]+)").matcher(body);
            boolean any = false;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
                any = true;
            }
            return any ? sum : -1;
        } catch (IOException | InterruptedException | RuntimeException e) {
            return -1;
        }
    }

    /** Heap used after a full GC of process {@code pid} (jcmd GC.run then GC.heap_info), in bytes, or -1. */
    public static double heapAfterGc(long pid) {
        try {
            String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
            new ProcessBuilder(jcmd, String.valueOf(pid), "GC.run").redirectErrorStream(true).start().waitFor();
            Process p = new ProcessBuilder(jcmd, String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            Matcher m = Pattern.compile("used (\\d+)K").matcher(out);
            return m.find() ? Long.parseLong(m.group(1)) * 1024.0 : -1;
        } catch (IOException | InterruptedException e) {
            return -1;
        }
    }

    public static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    public static String f(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    /** JSON string literal. */
    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
