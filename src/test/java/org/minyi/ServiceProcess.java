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

    public ServiceProcess start() throws IOException, InterruptedException {
        port = freePort();
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
        pb.redirectOutput(log().toFile());
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
        return workDir.resolve("service.log");
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
