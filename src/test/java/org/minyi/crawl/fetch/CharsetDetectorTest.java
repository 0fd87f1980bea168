package org.minyi.crawl.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CharsetDetectorTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final String BODY = "<p>区政府召开民生实事推进会，部署今年十件民生实事，确保按期完成。居民普遍表示欢迎，希望早日见到成效。</p>";
    private final CharsetDetector detector = new CharsetDetector();

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = CharsetDetectorTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void utf8PageDeclaringGb2312IsDecodedAsUtf8() throws IOException {
        CharsetDetector.Decoded d = detector.decode(fixture("misdeclared-gb2312-is-utf8.html"), null);
        assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.reason()).contains("contradicted");
        assertThat(d.text()).contains("关于开展夏季防汛检查的通知");
    }

    @Test
    void gbkPageDeclaringUtf8IsDecodedAsGb18030() {
        String html = "<html><head><meta charset=\"utf-8\"><title>民生</title></head><body>" + BODY + "</body></html>";
        CharsetDetector.Decoded d = detector.decode(html.getBytes(GBK), null);
        assertThat(d.charset()).isEqualTo(CharsetDetector.GB18030);
        assertThat(d.text()).contains("区政府召开民生实事推进会");
    }

    @Test
    void gbkDeclaredInHeaderWins() throws IOException {
        CharsetDetector.Decoded d = detector.decode(fixture("discuz-thread-gbk.html"), "text/html; charset=GBK");
        assertThat(d.charset()).isEqualTo(CharsetDetector.GB18030);
        assertThat(d.reason()).contains("HTTP header");
        assertThat(d.text()).contains("幸福路从去年十一月开始封路施工");
    }

    @Test
    void wrongHeaderIsOverruledByBytes() {
        byte[] utf8 = ("<html><body>" + BODY + "</body></html>").getBytes(StandardCharsets.UTF_8);
        CharsetDetector.Decoded d = detector.decode(utf8, "text/html; charset=gb2312");
        assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.text()).contains("民生实事");
    }

    @Test
    void bomWinsOverDeclarations() {
        byte[] body = ("<meta charset=gbk>" + BODY).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        CharsetDetector.Decoded d = detector.decode(bytes, "text/html; charset=gbk");
        assertThat(d.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(d.reason()).contains("byte-order mark");
        assertThat(d.text()).startsWith("<meta").contains("民生实事");
    }

    @Test
    void noDeclarationGuessesFromBytes() {
        assertThat(detector.decode(BODY.getBytes(GBK), null).charset()).isEqualTo(CharsetDetector.GB18030);
        assertThat(detector.decode(BODY.getBytes(GBK), null).text()).isEqualTo(BODY);
        assertThat(detector.decode(BODY.getBytes(StandardCharsets.UTF_8), null).charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(detector.decode("plain ascii".getBytes(StandardCharsets.US_ASCII), null).text()).isEqualTo("plain ascii");
    }

    @Test
    void truncatedUtf8StillUtf8() {
        byte[] full = BODY.getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 2); // cuts the last character in half
        assertThat(detector.decode(cut, null).charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void gbFamilyMapsToGb18030() {
        assertThat(CharsetDetector.lookup("gb2312")).isEqualTo(CharsetDetector.GB18030);
        assertThat(CharsetDetector.lookup("GBK")).isEqualTo(CharsetDetector.GB18030);
        assertThat(CharsetDetector.lookup("x-gbk")).isEqualTo(CharsetDetector.GB18030);
        assertThat(CharsetDetector.lookup("no-such-charset")).isNull();
    }

    @Test
    void emptyAndNullInput() {
        assertThat(detector.decode(new byte[0], null).text()).isEmpty();
        assertThat(detector.decode(null, null).text()).isEmpty();
    }
}
