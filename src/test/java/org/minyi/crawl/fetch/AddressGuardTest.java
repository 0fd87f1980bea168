package org.minyi.crawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only literal addresses, "localhost" and a map-backed resolver: no DNS query leaves the machine. */
class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(FetchSettings.defaults());

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://100.64.0.1/", "http://100.127.255.254/",
            "http://127.0.0.1/", "http://127.8.9.10:8080/", "http://localhost/", "http://[::1]/", "http://0.0.0.0/",
            "http://[::]/", "http://224.0.0.1/", "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/",
            "http://[::ffff:10.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://0.1.2.3/",
            "http://255.255.255.255/"})
    void refusesInternalAddresses(String url) {
        assertThat(strict.check(url)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://93.184.216.34/", "http://172.32.0.1/", "http://100.128.0.1/", "http://11.0.0.1/",
            "https://[2001:db8::1]/", "http://192.169.0.1/"})
    void acceptsPublicAddresses(String url) {
        assertThat(strict.check(url)).as(url).isEmpty();
    }

    @Test
    void explainsTheRange() {
        assertThat(strict.check("http://169.254.169.254/")).hasValueSatisfying(r -> assertThat(r).contains("link-local"));
        assertThat(strict.check("http://10.1.2.3/")).hasValueSatisfying(r -> assertThat(r).contains("10.0.0.0/8"));
        assertThat(strict.check("http://127.0.0.1/")).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
    }

    @Test
    void settingsOpenLoopbackAndPrivateSeparately() {
        AddressGuard loopback = new AddressGuard(FetchSettings.builder().allowLoopback(true).build());
        assertThat(loopback.check("http://127.0.0.1:8080/")).isEmpty();
        assertThat(loopback.check("http://localhost/")).isEmpty();
        assertThat(loopback.check("http://10.1.2.3/")).isPresent();
        assertThat(loopback.check("http://169.254.169.254/")).isPresent();

        AddressGuard intranet = new AddressGuard(FetchSettings.builder().allowPrivateNetworks(true).build());
        assertThat(intranet.check("http://10.1.2.3/")).isEmpty();
        assertThat(intranet.check("http://127.0.0.1/")).isPresent();
        assertThat(intranet.check("http://0.0.0.0/")).isPresent(); // never
    }

    @Test
    void anyBadAddressAmongSeveralRefusesTheHost() throws UnknownHostException {
        Map<String, InetAddress[]> dns = Map.of(
                "mixed.example.test", new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.7")},
                "public.example.test", new InetAddress[] {InetAddress.getByName("93.184.216.34")});
        List<String> asked = new ArrayList<>();
        AddressGuard guard = new AddressGuard(FetchSettings.defaults(), host -> {
            asked.add(host);
            InetAddress[] a = dns.get(host);
            if (a == null) {
                throw new UnknownHostException(host);
            }
            return a;
        });
        assertThat(guard.check("http://mixed.example.test/a")).hasValueSatisfying(r -> assertThat(r).contains("10.0.0.7"));
        assertThat(guard.check("http://public.example.test/a")).isEmpty();
        assertThat(guard.check("http://nowhere.example.test/")).hasValueSatisfying(r -> assertThat(r).contains("does not resolve"));
        assertThat(asked).containsExactly("mixed.example.test", "public.example.test", "nowhere.example.test");
    }

    @Test
    void refusesOtherSchemesAndGarbage() {
        assertThat(strict.check("file:///etc/passwd")).isPresent();
        assertThat(strict.check("gopher://93.184.216.34/")).isPresent();
        assertThat(strict.check("http:///nohost")).isPresent();
    }
}
