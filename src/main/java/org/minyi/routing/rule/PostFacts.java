package org.minyi.routing.rule;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import org.minyi.common.JsonText;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.PlaceMention;
import org.minyi.post.Post;

/** What routing looks at in a post. */
public record PostFacts(Long postId, String title, String content, String source, List<String> categories,
                        List<PlaceMention> places, String sentimentLabel, Double sentimentScore) {

    public static PostFacts of(Post p) {
        return new PostFacts(p.id, p.title, p.content, p.source == null ? null : p.source.name,
                JsonText.read(p.analysis.categories, new TypeReference<List<String>>() { }, List.of()),
                JsonText.read(p.analysis.places, new TypeReference<List<PlaceMention>>() { }, List.of()),
                p.analysis.sentimentLabel, p.analysis.sentimentScore);
    }

    public static PostFacts of(String title, String content, String source, Analysis a) {
        return new PostFacts(null, title, content, source, a.categories(), a.places(), a.sentiment().label(),
                a.sentiment().score());
    }

    String text() {
        return (title == null ? "" : title) + "\n" + (content == null ? "" : content);
    }
}
