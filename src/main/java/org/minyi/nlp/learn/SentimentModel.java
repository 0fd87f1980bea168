package org.minyi.nlp.learn;

import java.util.ArrayList;
import java.util.List;
import org.minyi.nlp.Sentiment;

/**
 * The learned sentiment layer and its blend with the lexicon scorer.
 *
 * <p>Blend: both layers give a distribution over (negative, neutral, positive); the answer is
 * {@code P = a * P_model + (1 - a) * P_lexicon} and its most probable label, with score {@code P(pos) - P(neg)}.
 * The model weight {@code a = min(maxWeight, n / (n + halfWeightExamples))} (cap 0.8 by default: a higher
 * cap gains little in-domain and loses much on texts of other domains, where the lexicon generalises) grows with the number {@code n} of
 * training examples, so the lexicon dominates while few examples exist. {@code P_lexicon} maps the lexicon score
 * {@code s} through sigmoids around its own neutral band ({@code P(pos) ~ sigmoid(15 (s - 0.10))},
 * {@code P(neg) ~ sigmoid(15 (-0.05 - s))}, neutral the rest); when the lexicon found no evidence at all it is
 * uniform, so the model alone decides. A model trained without neutral examples (binary data) still answers
 * neutral: its neutral probability is the lexicon's neutral probability times the model's uncertainty
 * {@code 1 - |P(pos) - P(neg)|}. The model also sees the lexicon's score and label as features.
 */
public final class SentimentModel {

    static final String[] LABELS = {Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE};
    private static final double SLOPE = 15;

    private final LinearModel model;
    private final String name;
    private final double weight;
    private final int[] slot = new int[3];

    /**
     * @param name     shown in explanations, e.g. {@code "model v3"}
     * @param examples number of training examples
     */
    public SentimentModel(LinearModel model, String name, int examples, double halfWeightExamples, double maxWeight) {
        this(model, name, Math.min(maxWeight, examples / (examples + Math.max(0.0, halfWeightExamples))));
    }

    /** With an explicit blend weight (evaluation of other weights). */
    public SentimentModel(LinearModel model, String name, double weight) {
        this.model = model;
        this.name = name;
        this.weight = weight;
        for (int i = 0; i < 3; i++) {
            slot[i] = model.classes().indexOf(LABELS[i]);
        }
    }

    public LinearModel model() {
        return model;
    }

    /** The model's weight in the blend. */
    public double weight() {
        return weight;
    }

    /** Lexicon distribution (negative, neutral, positive) for a lexicon answer. */
    static double[] lexiconDistribution(Sentiment lex) {
        double s = lex.score();
        double pos = 1 / (1 + Math.exp(-SLOPE * (s - 0.10)));
        double neg = 1 / (1 + Math.exp(-SLOPE * (-0.05 - s)));
        double neu = Math.max(0, 1 - pos - neg);
        double sum = pos + neg + neu;
        return new double[]{neg / sum, neu / sum, pos / sum};
    }

    /** Model distribution (negative, neutral, positive). */
    double[] modelDistribution(PreparedText text, double[] lex) {
        double[] p = model.probabilities(text.sentimentFeatures(model.bits()));
        double[] out = new double[3];
        for (int i = 0; i < 3; i++) {
            out[i] = slot[i] < 0 ? 0 : p[slot[i]];
        }
        if (slot[1] < 0) {
            double neu = lex[1] * (1 - Math.abs(out[2] - out[0]));
            out[0] *= 1 - neu;
            out[2] *= 1 - neu;
            out[1] = neu;
        }
        return out;
    }

    /** The blended answer. */
    public Sentiment predict(PreparedText text) {
        Sentiment lexicon = text.lexicon();
        double[] lexDist = lexiconDistribution(lexicon);
        double[] m = modelDistribution(text, lexDist);
        boolean evidence = !lexicon.explanation().isEmpty() || lexicon.score() != 0;
        double[] p = new double[3];
        int best = 0;
        for (int i = 0; i < 3; i++) {
            double l = evidence ? lexDist[i] : 1.0 / 3;
            p[i] = weight * m[i] + (1 - weight) * l;
            if (p[i] > p[best]) {
                best = i;
            }
        }
        List<String> why = new ArrayList<>(lexicon.explanation());
        why.add("lexicon " + lexicon.label() + " " + fmt(lexicon.score()) + "; " + name + ": neg " + fmt(m[0])
                + " neu " + fmt(m[1]) + " pos " + fmt(m[2]) + "; blend x" + fmt(weight) + " → " + LABELS[best]);
        double score = Math.max(-1, Math.min(1, p[2] - p[0]));
        return new Sentiment(LABELS[best], Math.round(score * 10000) / 10000.0, why);
    }

    private static String fmt(double v) {
        return String.valueOf(Math.round(v * 100) / 100.0);
    }
}
