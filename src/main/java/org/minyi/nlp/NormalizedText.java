package org.minyi.nlp;

import java.util.List;

/**
 * Cleaned text plus the emoticons found in it.
 *
 * @param text      simplified, half-width text without URLs, @mentions, repost chains, emoticons or emoji
 * @param emoticons Weibo bracket codes ({@code [怒]}) and emoji found in the raw text, in order
 */
public record NormalizedText(String text, List<String> emoticons) {
    public NormalizedText {
        text = text == null ? "" : text;
        emoticons = emoticons == null ? List.of() : List.copyOf(emoticons);
    }
}
