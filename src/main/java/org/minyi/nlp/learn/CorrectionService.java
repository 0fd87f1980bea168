package org.minyi.nlp.learn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.minyi.common.ApiException;
import org.minyi.common.JsonText;
import org.minyi.common.Validation;
import org.minyi.dashboard.StatAggregator;
import org.minyi.nlp.CategoryClassifier;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.nlp.learn.LabelledExample.Task;
import org.minyi.post.Post;

/**
 * Analyst corrections of a post's sentiment or categories. A correction is stored on the post (the analysis
 * columns then show the corrected value, the correction columns who and when) and as a training example (the
 * post's previous correction example of that task is replaced), in one transaction.
 */
@ApplicationScoped
public class CorrectionService {

    @Inject
    EntityManager em;

    @Inject
    ExampleService examples;

    @Inject
    TextAnalyzer analyzer;

    @Inject
    Clock clock;

    @Inject
    StatAggregator stats;

    /** Body of {@code PUT /api/posts/{id}/sentiment}. */
    public record SentimentInput(String label, String note) {
    }

    /** Body of {@code PUT /api/posts/{id}/categories}. */
    public record CategoriesInput(List<String> categories, String note) {
    }

    /** What a correction stored. */
    public record CorrectionView(long postId, String sentiment, String sentimentCorrectedBy, Instant sentimentCorrectedAt,
                                 List<String> categories, String categoriesCorrectedBy, Instant categoriesCorrectedAt) {
    }

    @Transactional
    public CorrectionView correctSentiment(long postId, SentimentInput in, String who) {
        Validation v = new Validation();
        String label = in == null ? null : v.required("label", in.label(), 10);
        if (label != null && !ExampleService.SENTIMENT_LABELS.contains(label.strip())) {
            v.reject("label", "must be negative, neutral or positive");
        }
        String note = in == null ? null : v.maxLength("note", in.note(), 1000);
        v.throwIfInvalid();
        Post post = find(postId);
        label = label.strip();
        stats.subtract(post);
        post.correction.sentiment = label;
        post.correction.sentimentBy = who;
        post.correction.sentimentAt = Instant.now(clock);
        post.analysis.sentimentLabel = label;
        stats.add(post);
        examples.storeCorrection(Task.SENTIMENT, postId, TextAnalyzer.join(post.title, post.content), List.of(label), note, who);
        return view(post);
    }

    @Transactional
    public CorrectionView correctCategories(long postId, CategoriesInput in, String who) {
        Validation v = new Validation();
        Set<String> taxonomy = analyzer.resources().categories().keySet();
        Set<String> chosen = new LinkedHashSet<>();
        if (in == null || in.categories() == null || in.categories().isEmpty()) {
            v.reject("categories", "is required: a non-empty array of taxonomy categories");
        } else if (in.categories().size() > 10) {
            v.reject("categories", "has " + in.categories().size() + " entries; at most 10");
        } else {
            for (int i = 0; i < in.categories().size(); i++) {
                String c = in.categories().get(i);
                if (c == null || !taxonomy.contains(c.strip())) {
                    v.reject("categories[" + i + "]", "'" + c + "' is not a category of the taxonomy " + new java.util.TreeSet<>(taxonomy));
                } else if (!chosen.add(c.strip())) {
                    v.reject("categories[" + i + "]", "'" + c + "' is listed twice");
                }
            }
            if (chosen.contains(CategoryClassifier.OTHER) && chosen.size() > 1) {
                v.reject("categories", CategoryClassifier.OTHER + " cannot be combined with other categories");
            }
        }
        String note = in == null ? null : v.maxLength("note", in.note(), 1000);
        v.throwIfInvalid();
        Post post = find(postId);
        List<String> list = new ArrayList<>(chosen);
        stats.subtract(post);
        post.correction.categories = JsonText.write(list);
        post.correction.categoriesBy = who;
        post.correction.categoriesAt = Instant.now(clock);
        post.analysis.categories = JsonText.write(list);
        stats.add(post);
        examples.storeCorrection(Task.CATEGORY, postId, TextAnalyzer.join(post.title, post.content), list, note, who);
        return view(post);
    }

    private Post find(long id) {
        Post post = em.find(Post.class, id);
        if (post == null) {
            throw ApiException.notFound("post", id);
        }
        if (post.correction == null) {   // Hibernate loads an embeddable whose columns are all null as null
            post.correction = new org.minyi.post.PostCorrection();
        }
        return post;
    }

    private static CorrectionView view(Post p) {
        return p.correction == null ? new CorrectionView(p.id, null, null, null, null, null, null) : new CorrectionView(p.id, p.correction.sentiment, p.correction.sentimentBy, p.correction.sentimentAt,
                JsonText.read(p.correction.categories, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() { }, null),
                p.correction.categoriesBy, p.correction.categoriesAt);
    }
}
