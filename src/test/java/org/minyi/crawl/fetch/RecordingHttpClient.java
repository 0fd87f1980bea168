package org.minyi.crawl.fetch;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * Records every URI it is asked to connect to, and delegates to a real client only for loopback: a
 * request anywhere else fails here (safety net, so that even a broken guard never lets a test connect out).
 */
final class RecordingHttpClient extends HttpClient {

    private final HttpClient delegate;
    final List<URI> sent = new CopyOnWriteArrayList<>();

    RecordingHttpClient(HttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        sent.add(request.uri());
        if (!"127.0.0.1".equals(request.uri().getHost())) {
            throw new java.net.ConnectException("test client refuses non-loopback " + request.uri());
        }
        return delegate.send(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        sent.add(request.uri());
        if (!"127.0.0.1".equals(request.uri().getHost())) {
            return CompletableFuture.failedFuture(new java.net.ConnectException("test client refuses " + request.uri()));
        }
        return delegate.sendAsync(request, handler);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        sent.add(request.uri());
        if (!"127.0.0.1".equals(request.uri().getHost())) {
            return CompletableFuture.failedFuture(new java.net.ConnectException("test client refuses " + request.uri()));
        }
        return delegate.sendAsync(request, handler, push);
    }

    @Override public Optional<CookieHandler> cookieHandler() { return delegate.cookieHandler(); }
    @Override public Optional<Duration> connectTimeout() { return delegate.connectTimeout(); }
    @Override public Redirect followRedirects() { return delegate.followRedirects(); }
    @Override public Optional<ProxySelector> proxy() { return delegate.proxy(); }
    @Override public SSLContext sslContext() { return delegate.sslContext(); }
    @Override public SSLParameters sslParameters() { return delegate.sslParameters(); }
    @Override public Optional<Authenticator> authenticator() { return delegate.authenticator(); }
    @Override public Version version() { return delegate.version(); }
    @Override public Optional<Executor> executor() { return delegate.executor(); }
}
