package org.minyi.crawl;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.time.OffsetDateTime;
import org.minyi.common.ApiException;
import org.minyi.common.DistrictConfig;
import org.minyi.common.Validation;
import org.minyi.crawl.extract.ArticleExtractor;
import org.minyi.crawl.extract.ExtractedPage;
import org.minyi.crawl.fetch.CharsetDetector;

/**
 * {@code POST /api/extract?url=...}: the raw bytes of a page (any charset) in, its title, author, published time and
 * main text out, by the same extractor the crawler uses.
 */
@Path("/api/extract")
@jakarta.annotation.security.RolesAllowed({org.minyi.security.Role.admin, org.minyi.security.Role.analyst})
public class ExtractResource {

    /** Largest page accepted, in bytes. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    @Inject
    ArticleExtractor extractor;

    @Inject
    CharsetDetector charsets;

    @Inject
    DistrictConfig district;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Result extract(@QueryParam("url") String url, @HeaderParam("Content-Type") String contentType, byte[] body) {
        Validation v = new Validation();
        URI uri = v.httpUrl("url", url, false);
        if (body == null || body.length == 0) {
            v.reject("body", "is empty: send the page's raw bytes");
        } else if (body.length > MAX_BYTES) {
            v.reject("body", "is larger than " + MAX_BYTES + " bytes");
        }
        v.throwIfInvalid();
        CharsetDetector.Decoded decoded = charsets.decode(body, contentType);
        if (looksBinary(decoded.text())) {
            throw ApiException.badRequest("body", "is not a text page (binary content)");
        }
        ExtractedPage page = extractor.extract(decoded.text(), uri == null ? null : uri.toString());
        OffsetDateTime published = page.publishedAt() == null ? null
                : page.publishedAt().atZoneSameInstant(district.zone()).toOffsetDateTime();
        return new Result(page.title(), page.author(), published, page.content(), decoded.charset().name(), decoded.reason());
    }

    /** Many NUL or replacement characters at the start: an image, an archive, a PDF. */
    static boolean looksBinary(String text) {
        int n = Math.min(text.length(), 4096);
        if (n == 0) {
            return false;
        }
        int bad = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == 0 || c == '\uFFFD' || (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')) {
                bad++;
            }
        }
        return bad > n / 10;
    }

    /** What was extracted, and which charset was used to read the bytes and why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(String title, String author, OffsetDateTime publishedAt, String content, String charset,
                         String charsetReason) {
    }
}
