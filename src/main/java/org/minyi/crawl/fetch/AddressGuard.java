package org.minyi.crawl.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * SSRF guard: resolves a URL's host and refuses it when <em>any</em> of its addresses is one the
 * crawler must not reach. Called by {@link HttpTransport} before every connection, including every
 * redirect hop, so a public page redirecting to {@code http://169.254.169.254/} is refused before a
 * socket is opened.
 *
 * <p>Refused unless allowed by settings:
 * <ul>
 * <li>loopback 127/8, ::1 (allowed by {@code allowLoopback});</li>
 * <li>private and special ranges (allowed by {@code allowPrivateNetworks}): 10/8, 172.16/12,
 * 192.168/16, CGNAT 100.64/10, link-local 169.254/16 (cloud metadata) and fe80::/10, unique-local
 * fc00::/7, site-local fec0::/10;</li>
 * </ul>
 * Always refused: the unspecified address (0.0.0.0, ::), multicast, 0/8, broadcast 255.255.255.255,
 * hosts that do not resolve, and URLs that are not http(s). IPv4-mapped / IPv4-compatible IPv6 addresses
 * ({@code ::ffff:10.0.0.1}) are judged by their IPv4 address.
 *
 * <p>Limitation: {@code java.net.http.HttpClient} resolves the host again when it connects, so a DNS
 * server that answers differently within milliseconds (DNS rebinding) is not fully stopped; pinning the
 * address would need a custom socket layer. Outbound traffic should also be firewalled.
 */
public final class AddressGuard {

    /** Host-name resolution, replaceable in tests (no network: map names to literal addresses). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final boolean allowPrivate;
    private final Resolver resolver;

    public AddressGuard(FetchSettings settings) {
        this(settings, InetAddress::getAllByName);
    }

    public AddressGuard(FetchSettings settings, Resolver resolver) {
        this.allowLoopback = settings.allowLoopback();
        this.allowPrivate = settings.allowPrivateNetworks();
        this.resolver = resolver;
    }

    /** @return why the URL must not be fetched, or empty when all its addresses are acceptable */
    public Optional<String> check(String url) {
        URI uri = UrlNormalizer.toUri(url);
        if (uri == null) {
            return Optional.of("malformed URL");
        }
        return check(uri);
    }

    /** @return why the URI must not be fetched, or empty when all its addresses are acceptable */
    public Optional<String> check(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            return Optional.of("scheme not allowed: " + scheme);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return Optional.of("no host in URL");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("host does not resolve: " + host);
        } catch (RuntimeException e) {
            return Optional.of("host does not resolve: " + host + " (" + e.getMessage() + ")");
        }
        if (addresses == null || addresses.length == 0) {
            return Optional.of("host does not resolve: " + host);
        }
        for (InetAddress a : addresses) {
            Optional<String> why = checkAddress(a);
            if (why.isPresent()) {
                return Optional.of(host + " resolves to " + a.getHostAddress() + ": " + why.get()
                        + (addresses.length > 1 ? " (one of " + addresses.length + " addresses)" : ""));
            }
        }
        return Optional.empty();
    }

    /** @return why this one address is refused, or empty */
    public Optional<String> checkAddress(InetAddress address) {
        InetAddress a = unmapIpv4(address);
        if (a.isAnyLocalAddress()) {
            return Optional.of("unspecified address");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("multicast address");
        }
        if (a.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("loopback address");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int o0 = b[0] & 0xFF;
            int o1 = b[1] & 0xFF;
            if (o0 == 0) {
                return Optional.of("'this network' address 0.0.0.0/8");
            }
            if (o0 == 255 && o1 == 255 && (b[2] & 0xFF) == 255 && (b[3] & 0xFF) == 255) {
                return Optional.of("broadcast address");
            }
            String range = null;
            if (o0 == 10) {
                range = "private address 10.0.0.0/8";
            } else if (o0 == 172 && o1 >= 16 && o1 <= 31) {
                range = "private address 172.16.0.0/12";
            } else if (o0 == 192 && o1 == 168) {
                range = "private address 192.168.0.0/16";
            } else if (o0 == 169 && o1 == 254) {
                range = "link-local address 169.254.0.0/16";
            } else if (o0 == 100 && o1 >= 64 && o1 <= 127) {
                range = "carrier-grade NAT address 100.64.0.0/10";
            }
            return range == null || allowPrivate ? Optional.empty() : Optional.of(range);
        }
        int w0 = b[0] & 0xFF;
        int w1 = b[1] & 0xFF;
        String range = null;
        if ((w0 & 0xFE) == 0xFC) {
            range = "unique-local address fc00::/7";
        } else if (w0 == 0xFE && (w1 & 0xC0) == 0x80) {
            range = "link-local address fe80::/10";
        } else if (w0 == 0xFE && (w1 & 0xC0) == 0xC0) {
            range = "site-local address fec0::/10";
        }
        return range == null || allowPrivate ? Optional.empty() : Optional.of(range);
    }

    /** ::ffff:a.b.c.d and ::a.b.c.d are judged as a.b.c.d. */
    private static InetAddress unmapIpv4(InetAddress a) {
        if (!(a instanceof Inet6Address)) {
            return a;
        }
        byte[] b = a.getAddress();
        boolean zeroPrefix = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10]);
        boolean mapped = zeroPrefix && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
        boolean compatible = zeroPrefix && b[10] == 0 && b[11] == 0
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1));
        if (mapped || compatible) {
            try {
                return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
            } catch (UnknownHostException e) {
                return a;
            }
        }
        return a;
    }
}
