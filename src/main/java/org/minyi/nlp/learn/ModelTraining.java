package org.minyi.nlp.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.minyi.nlp.CategoryClassifier;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.nlp.eval.EvaluationMetrics;

/**
 * Training of the learned layers from labelled texts, without CDI (used by the service and by the evaluation
 * command, so both build the same model from the same examples). Phases: features (0–30 %), held-out check
 * (a model trained on 90 % of the examples, scored on the other 10 %; 30–60 %), final model on all examples
 * (60–100 %).
 */
public final class ModelTraining {

    /** One labelled text; for categories {@code labels} may hold several categories. */
    public record Sample(List<String> labels, String text, float weight) {
        public static Sample of(String label, String text) {
            return new Sample(List.of(label), text, 1f);
        }
    }

    /** Receives the phase and the percent done. */
    public interface Progress {
        void report(String phase, int percent);
    }

    /** A trained model with its held-out figures (accuracy, macroF1, perClass, n) as a map for JSON. */
    public record Result(LinearModel model, Map<String, Object> quality, int examples) {
    }

    private ModelTraining() {
    }

    public static Result trainSentiment(TextAnalyzer analyzer, List<Sample> samples, Trainer.Params params,
                                        Progress progress) {
        Set<String> labelSet = new LinkedHashSet<>();
        for (String l : SentimentModel.LABELS) {
            for (Sample s : samples) {
                if (s.labels().get(0).equals(l)) {
                    labelSet.add(l);
                    break;
                }
            }
        }
        List<String> classes = new ArrayList<>(labelSet);
        if (classes.size() < 2) {
            throw new IllegalArgumentException("sentiment training needs examples of at least two labels, found " + classes);
        }
        List<Trainer.Example> examples = new ArrayList<>(samples.size());
        int step = Math.max(1, samples.size() / 30);
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            examples.add(new Trainer.Example(analyzer.prepare(s.text()).sentimentFeatures(params.bits()),
                    new int[]{classes.indexOf(s.labels().get(0))}, s.weight()));
            if (i % step == 0) {
                progress.report("features", i * 30 / samples.size());
            }
        }
        return trainAndCheck(classes, false, examples, params, progress);
    }

    public static Result trainCategories(TextAnalyzer analyzer, List<Sample> samples, Trainer.Params params,
                                         Progress progress) {
        Set<String> labelSet = new java.util.TreeSet<>();
        samples.forEach(s -> labelSet.addAll(s.labels()));
        labelSet.remove(CategoryClassifier.OTHER);
        List<String> classes = new ArrayList<>(labelSet);
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("category training needs examples of at least one category besides "
                    + CategoryClassifier.OTHER);
        }
        List<Trainer.Example> examples = new ArrayList<>(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            int[] labels = s.labels().stream().filter(classes::contains).mapToInt(classes::indexOf).toArray();
            examples.add(new Trainer.Example(analyzer.prepare(s.text()).categoryFeatures(params.bits()), labels, s.weight()));
            progress.report("features", i * 30 / samples.size());
        }
        return trainAndCheck(classes, true, examples, params, progress);
    }

    private static Result trainAndCheck(List<String> classes, boolean multi, List<Trainer.Example> examples,
                                        Trainer.Params params, Progress progress) {
        Map<String, Object> quality = new LinkedHashMap<>();
        if (examples.size() >= 20) {
            List<Trainer.Example> shuffled = new ArrayList<>(examples);
            java.util.Collections.shuffle(shuffled, new Random(params.seed() + 1));
            int cut = shuffled.size() / 10;
            List<Trainer.Example> test = shuffled.subList(0, cut);
            List<Trainer.Example> train = shuffled.subList(cut, shuffled.size());
            LinearModel check = Trainer.train(classes, multi, train, params,
                    pct -> progress.report("held-out check", 30 + pct * 30 / 100));
            EvaluationMetrics m = new EvaluationMetrics();
            for (Trainer.Example e : test) {
                double[] p = check.probabilities(e.x());
                if (multi) {
                    for (int k = 0; k < p.length; k++) {   // per category: yes/no
                        boolean gold = false;
                        for (int l : e.labels()) {
                            gold |= l == k;
                        }
                        if (gold || p[k] >= 0.5) {
                            m.add(gold ? classes.get(k) : "-", p[k] >= 0.5 ? classes.get(k) : "-");
                        }
                    }
                } else {
                    int best = 0;
                    for (int k = 1; k < p.length; k++) {
                        if (p[k] > p[best]) {
                            best = k;
                        }
                    }
                    m.add(classes.get(e.labels()[0]), classes.get(best));
                }
            }
            quality = Quality.of(m, 0);
            quality.put("note", "model alone (no blend) trained on 90 % of the examples, scored on the other 10 %");
        } else {
            quality.put("note", "fewer than 20 examples: no held-out check");
        }
        LinearModel model = Trainer.train(classes, multi, examples, params,
                pct -> progress.report("final model", 60 + pct * 40 / 100));
        progress.report("done", 100);
        return new Result(model, quality, examples.size());
    }
}
