package org.minyi.nlp.learn;

/**
 * The active learned layers used by {@code TextAnalyzer}; either may be null (then that part is answered by the
 * shipped dictionaries alone, exactly as without any model).
 */
public record LearnedModels(SentimentModel sentiment, CategoryModel categories) {
    public static final LearnedModels NONE = new LearnedModels(null, null);
}
