package org.minyi.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/** A loopback HTTP receiver that records what it is sent and answers with a status chosen per request. */
final class WebhookStub implements AutoCloseable {

    /** One received request. */
    record Received(String path, String query, String body, long nanos) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    private final HttpServer server;
    volatile IntSupplier status = () -> 200;
    volatile String answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
    volatile long delayMillis;

    WebhookStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", ex -> {
            calls.incrementAndGet();
            byte[] in = ex.getRequestBody().readAllBytes();
            long at = System.nanoTime();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = status.getAsInt();
            if (code == 200) {
                received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(), new String(in, StandardCharsets.UTF_8), at));
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(code, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
