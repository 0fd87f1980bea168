package org.minyi.nlp.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * Trains a {@link LinearModel} by AdaGrad on the logistic loss (softmax for single-label, one sigmoid per class
 * for multi-label) with L2 regularisation applied to the touched weights. Deterministic for a given seed.
 * Classes are weighted inversely to their frequency (square-rooted) so that small classes are not drowned.
 */
public final class Trainer {

    /** One training example: feature vector, the indices of its classes (one for single-label), and a weight. */
    public record Example(Features.Vector x, int[] labels, float weight) {
    }

    /** Hyper-parameters. */
    public record Params(int bits, int epochs, double learningRate, double l2, long seed, boolean balance) {
        public static Params defaults() {
            return new Params(20, 10, 0.2, 1e-6, 42L, true);
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
                    double v = b[k];
                    int off = k * dim;
                    for (int j = 0; j < idx.length; j++) {
                        v += w[off + idx[j]] * val[j];
                    }
                    s[k] = v;
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
                    int off = k * dim;
                    for (int j = 0; j < idx.length; j++) {
                        int q = off + idx[j];
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
        return new LinearModel(classes, multiLabel, p.bits(), w, b);
    }
}
