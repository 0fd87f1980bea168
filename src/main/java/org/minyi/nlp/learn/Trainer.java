package org.minyi.nlp.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Trains a {@link LinearModel} by AdaGrad on the logistic loss (softmax for single-label, one sigmoid per class
 * for multi-label) with L2 regularisation applied to the touched weights. Deterministic for a given seed.
 * Classes are weighted inversely to their frequency (square-rooted) so that small classes are not drowned.
 * Optionally (NBSVM-like) each hashed feature is first scaled by its Naive-Bayes log-count ratio; the scale is
 * folded into the trained weights, so the model applies to unscaled features.
 */
public final class Trainer {

    /** One training example: feature vector, the indices of its classes (one for single-label), and a weight. */
    public record Example(Features.Vector x, int[] labels, float weight) {
    }

    /**
     * Hyper-parameters.
     *
     * @param bits         log2 of the hashed feature space
     * @param epochs       passes over the examples
     * @param learningRate AdaGrad base rate
     * @param l2           L2 penalty on the touched weights
     * @param seed         shuffling seed (training is deterministic)
     * @param balance      weight classes by {@code sqrt(n / (classes * n_class))} (single-label only)
     * @param nbScale      scale hashed features by their Naive-Bayes log-count ratio (as in NBSVM)
     */
    public record Params(int bits, int epochs, double learningRate, double l2, long seed, boolean balance, boolean nbScale) {
        public static Params defaults() {
            return new Params(20, 10, 0.1, 1e-6, 42L, true, true);
        }
    }

    private Trainer() {
    }

    /**
     * @param progress receives percent done (0–100) after each epoch
     */
    public static LinearModel train(List<String> classes, boolean multiLabel, List<Example> examples, Params p,
                                    IntConsumer progress) {
        int c = classes.size();
        int dim = 1 << p.bits();
        float[] w = new float[c * dim];
        float[] g2 = new float[c * dim];
        float[] b = new float[c];
        float[] gb = new float[c];
        double[] classWeight = new double[c];
        int[] counts = new int[c];
        for (Example e : examples) {
            for (int l : e.labels()) {
                counts[l]++;
            }
        }
        for (int k = 0; k < c; k++) {
            classWeight[k] = 1;
            if (p.balance() && !multiLabel && counts[k] > 0) {
                classWeight[k] = Math.sqrt((double) examples.size() / (c * counts[k]));
            }
        }
        float[] scale = null;
        if (p.nbScale()) {
            scale = nbScale(c, dim, examples, multiLabel);
            List<Example> scaled = new ArrayList<>(examples.size());
            for (Example e : examples) {
                float[] v = e.x().value().clone();
                int[] ix = e.x().index();
                for (int j = 0; j < ix.length; j++) {
                    v[j] *= scale[ix[j]];
                }
                scaled.add(new Example(new Features.Vector(ix, v), e.labels(), e.weight()));
            }
            examples = scaled;
        }
        List<Example> order = new ArrayList<>(examples);
        Random random = new Random(p.seed());
        double lr = p.learningRate();
        double[] s = new double[c];
        for (int epoch = 0; epoch < p.epochs(); epoch++) {
            java.util.Collections.shuffle(order, random);
            for (Example e : order) {
                int[] idx = e.x().index();
                float[] val = e.x().value();
                for (int k = 0; k < c; k++) {
                    s[k] = b[k];
                }
                for (int j = 0; j < idx.length; j++) {
                    int off = idx[j] * c;
                    for (int k = 0; k < c; k++) {
                        s[k] += w[off + k] * val[j];
                    }
                }
                if (multiLabel) {
                    for (int k = 0; k < c; k++) {
                        s[k] = 1 / (1 + Math.exp(-s[k]));
                    }
                } else {
                    LinearModel.softmaxInPlace(s);
                }
                double ew = e.weight() * (multiLabel ? 1 : classWeight[e.labels()[0]]);
                for (int k = 0; k < c; k++) {
                    double target = 0;
                    for (int l : e.labels()) {
                        if (l == k) {
                            target = 1;
                        }
                    }
                    double g = (s[k] - target) * ew;
                    if (g == 0) {
                        continue;
                    }
                    gb[k] += (float) (g * g);
                    b[k] -= (float) (lr * g / Math.sqrt(gb[k] + 1e-8));
                    for (int j = 0; j < idx.length; j++) {
                        int q = idx[j] * c + k;
                        double gr = g * val[j] + p.l2() * w[q];
                        g2[q] += (float) (gr * gr);
                        w[q] -= (float) (lr * gr / Math.sqrt(g2[q] + 1e-8));
                    }
                }
            }
            if (progress != null) {
                progress.accept((epoch + 1) * 100 / p.epochs());
            }
        }
        if (scale != null) {
            for (int f = 0; f < dim; f++) {
                for (int k = 0; k < c; k++) {
                    w[f * c + k] *= scale[f];
                }
            }
        }
        return new LinearModel(classes, multiLabel, p.bits(), w, b);
    }

    /**
     * Naive-Bayes log-count ratios as feature scales (as in NBSVM): for each hashed feature the largest
     * {@code |log(P(f | class) / P(f | other classes))|} over the classes, from document frequencies with add-one
     * smoothing. Dense (lexicon) features keep scale 1.
     */
    static float[] nbScale(int c, int dim, List<Example> examples, boolean multiLabel) {
        float[][] df = new float[c][];
        double[] n = new double[c];
        for (int k = 0; k < c; k++) {
            df[k] = new float[dim];
        }
        float[] total = new float[dim];
        for (Example e : examples) {
            for (int l : e.labels()) {
                n[l]++;
                for (int f : e.x().index()) {
                    df[l][f]++;
                }
            }
            for (int f : e.x().index()) {
                total[f]++;
            }
        }
        double all = 0;
        for (double v : n) {
            all += v;
        }
        float[] scale = new float[dim];
        double alpha = 1;
        for (int f = 0; f < dim; f++) {
            if (f < Features.DENSE) {
                scale[f] = 1;
                continue;
            }
            if (total[f] == 0) {
                continue;
            }
            double best = 0;
            for (int k = 0; k < c; k++) {
                double in = (df[k][f] + alpha) / (n[k] + 2 * alpha);
                double out = (total[f] - df[k][f] + alpha) / (all - n[k] + 2 * alpha);
                best = Math.max(best, Math.abs(Math.log(in / out)));
            }
            scale[f] = (float) best;
        }
        return scale;
    }
}
