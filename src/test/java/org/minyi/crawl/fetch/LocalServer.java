package org.minyi.crawl.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A test HTTP server bound to 127.0.0.1 on a free port; routes by exact path, 404 otherwise. */
final class LocalServer implements AutoCloseable {

    @FunctionalInterface
    interface Route {
        void handle(HttpExchange ex, int hit) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(6);
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<HttpExchange> requests = new CopyOnWriteArrayList<>();

    LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getRawPath();
            String query = ex.getRequestURI().getRawQuery();
            String key = query == null ? path : path + "?" + query;
            requests.add(ex);
            int hit = hits.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            Route r = routes.containsKey(key) ? routes.get(key) : routes.get(path);
            try {
                if (r == null) {
                    send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
                } else {
                    r.handle(ex, hit);
                }
            } catch (IOException e) {
                // client went away (time-out tests, body cap)
            } finally {
                ex.close();
            }
        });
        server.setExecutor(pool);
        server.start();
    }

    LocalServer route(String path, Route r) {
        routes.put(path, r);
        return this;
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    int totalHits() {
        return requests.size();
    }

    List<HttpExchange> requests() {
        return requests;
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        if (status == 304 || status == 204 || status >= 300 && status < 400 && body.length == 0) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static void text(HttpExchange ex, int status, String contentType, String body) throws IOException {
        send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        ex.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
