package org.minyi;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app}) run as a real process in a working directory of its own, for
 * restart tests and benchmarks, with a small HTTP client that signs in as {@code admin}.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Path workDir;
    private final Map<String, String> env;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int port;
    private int fixedPort;
    private String logName = "service.log";

    /**
     * @param workDir  working directory (the H2 file database goes under its {@code data/})
     * @param env      extra environment, e.g. {@code MINYI_DB_URL}
     * @param password the admin password
     */
    public ServiceProcess(Path workDir, Map<String, String> env, String password) {
        this.workDir = workDir;
        this.env = env;
        this.password = password;
    }

    /** Listens on this port instead of a free one chosen at start. */
    public ServiceProcess port(int port) {
        this.fixedPort = port;
        return this;
    }

    /** The log file's name in the working directory (several processes may share one directory). */
    public ServiceProcess logName(String name) {
        this.logName = name;
        return this;
    }

    public ServiceProcess start() throws IOException, InterruptedException {
        port = fixedPort > 0 ? fixedPort : freePort();
        Path app = Path.of(System.getProperty("minyi.app.dir", "target/quarkus-app")).toAbsolutePath();
        if (!Files.exists(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + "/quarkus-run.jar is missing: run ./mvnw package -DskipTests first");
        }
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        // extra JVM options for benchmarks and profiling, e.g. -Dminyi.service.jvm-args="-XX:StartFlightRecording=..."
        String extra = System.getProperty("minyi.service.jvm-args", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(java.util.List.of(extra.split("\\s+")));
        }
        command.addAll(java.util.List.of("-jar", app.resolve("quarkus-run.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(workDir.toFile());
        Map<String, String> e = pb.environment();
        e.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        e.put("MINYI_ADMIN_PASSWORD", password);
        e.put("MINYI_NLP_DICTIONARY_DIR", new File("dictionaries").getAbsolutePath());
        e.putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited: " + Files.readString(log()));
            }
            try {
                if (call("GET", "/q/health/ready", null).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("service did not start in 120 s; see " + log());
    }

    /** The service's process id (for jcmd). */
    public long pid() {
        return process.pid();
    }

    public Path log() {
        return workDir.resolve(logName);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the process (SIGTERM, then SIGKILL after 30 s). */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        process = null;
    }

    /**
     * Kills the JVM with SIGKILL ({@link Process#destroyForcibly()} on the java process itself, started without a
     * wrapper): no shutdown hook, no cleanup, like a power cut or the OOM killer.
     */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
        process = null;
    }

    /** The OS process id of the running service. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    public HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes()))
                .header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
