package org.minyi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the packaged service (target/quarkus-app) as a real process, stores a post, stops the process, starts it
 * again on the same database and reads the post back. With the default build the database is the H2 file under
 * {@code ./data} of the working directory; with {@code -Ppg} a fresh PostgreSQL database.
 */
class RestartIT {

    private static final String PASSWORD = "restart-it-pw";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Path workDir;
    private String dbUrl;
    private String pgDatabase;
    private Process process;
    private int port;

    @BeforeEach
    void setUp() throws Exception {
        workDir = Files.createTempDirectory("minyi-restart");
        if ("postgresql".equals(System.getProperty("minyi.db.kind"))) {
            pgDatabase = "minyi_it_" + ProcessHandle.current().pid();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgDatabase);
                s.execute("CREATE DATABASE " + pgDatabase);
            }
            dbUrl = "jdbc:postgresql://127.0.0.1:5432/" + pgDatabase;
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        stop();
        if (pgDatabase != null) {
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + pgDatabase);
            }
        }
    }

    @Test
    void postsSurviveARestart() throws Exception {
        start();
        assertThat(call("POST", "/api/sources", "{\"name\":\"重启测试\",\"type\":\"API\",\"baseUrl\":\"https://example.org/\"}").statusCode())
                .isEqualTo(201);
        HttpResponse<String> created = call("POST", "/api/posts",
                "{\"source\":\"重启测试\",\"url\":\"https://example.org/r/1\",\"title\":\"重启之前\",\"content\":\"服务重启后这条帖子还在吗？\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = extract(created.body(), "\"id\":(\\d+)");
        stop();
        if (dbUrl == null) {
            assertThat(workDir.resolve("data")).isDirectory();
        }

        start();
        HttpResponse<String> read = call("GET", "/api/posts/" + id, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("服务重启后这条帖子还在吗？").contains("重启测试");
        HttpResponse<String> again = call("POST", "/api/posts",
                "{\"source\":\"重启测试\",\"url\":\"https://example.org/r/1\",\"content\":\"again\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"duplicate\":true");
    }

    private void start() throws Exception {
        port = freePort();
        Path app = Path.of(System.getProperty("minyi.app.dir", "target/quarkus-app")).toAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-jar", app.resolve("quarkus-run.jar").toString());
        pb.directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("MINYI_ADMIN_PASSWORD", PASSWORD);
        env.put("MINYI_NLP_DICTIONARY_DIR", new File("dictionaries").getAbsolutePath());
        env.put("MINYI_DEMO_ENABLED", "false");
        if (dbUrl != null) {
            env.put("MINYI_DB_URL", dbUrl);
        }
        pb.redirectErrorStream(true);
        pb.redirectOutput(workDir.resolve("app-" + port + ".log").toFile());
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited: " + Files.readString(workDir.resolve("app-" + port + ".log")));
            }
            try {
                if (call("GET", "/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("service did not start in 90 s");
    }

    private void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        process = null;
    }

    private HttpResponse<String> call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes()))
                .header("Accept", "application/json");
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String extract(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        assertThat(m.find()).as("%s in %s", regex, body).isTrue();
        return m.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
