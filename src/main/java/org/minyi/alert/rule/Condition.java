package org.minyi.alert.rule;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One condition of an alert rule as sent and stored (JSON). Which fields apply depends on {@code type}:
 * <ul>
 * <li>{@code SPIKE}: {@code scope} TOPIC or DISTRICT, {@code window} (PT30M), {@code baseline} (PT24H), {@code factor} (3),
 *     {@code minPosts} (5), {@code floor} (1 post/h): posts in the window ≥ minPosts and their rate ≥ factor × baseline rate.</li>
 * <li>{@code NEGATIVE_SURGE}: the same on negative posts, plus {@code minShare} (0.6) of the window's posts negative.</li>
 * <li>{@code EMERGING}: the topic is flagged emerging (topic detection), with at least {@code minPosts} posts (default 1).</li>
 * <li>{@code PHRASE}: one of {@code phrases} occurs in the title or text; when {@code near} is given, one of those within
 *     {@code distance} characters (10); an occurrence inside one of {@code exclude} does not count.</li>
 * <li>{@code SOURCE}: the post comes from one of {@code sources} (names or ids) or is written by one of {@code authors}.</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String type, String scope, String window, String baseline, Double factor, Integer minPosts,
                        Double floor, Double minShare, List<String> phrases, List<String> near, Integer distance,
                        List<String> exclude, List<String> sources, List<String> authors) {

    public static Condition phrase(List<String> phrases, List<String> near, List<String> exclude) {
        return new Condition("PHRASE", null, null, null, null, null, null, null, phrases, near, null, exclude, null, null);
    }

    public static Condition spike(String scope, String window, double factor, int minPosts) {
        return new Condition("SPIKE", scope, window, null, factor, minPosts, null, null, null, null, null, null, null, null);
    }
}
