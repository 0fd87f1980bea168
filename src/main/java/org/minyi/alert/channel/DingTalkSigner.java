package org.minyi.alert.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * DingTalk group-robot signing ("加签"): {@code sign = urlEncode(base64(HmacSHA256(key = secret,
 * data = timestamp + "\n" + secret)))}, appended to the webhook URL as {@code &timestamp=<ms>&sign=<sign>}; DingTalk
 * refuses a timestamp more than an hour off its clock.
 */
public final class DingTalkSigner {

    private DingTalkSigner() {
    }

    public static String sign(long timestampMillis, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestampMillis + "\n" + secret).getBytes(StandardCharsets.UTF_8));
            return URLEncoder.encode(Base64.getEncoder().encodeToString(digest), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public static String signedUrl(String url, long timestampMillis, String secret) {
        if (secret == null || secret.isBlank()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "timestamp=" + timestampMillis + "&sign=" + sign(timestampMillis, secret);
    }
}
