package org.minyi.nlp.learn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.nlp.eval.EvaluationMetrics;

/**
 * "Model quality": scores the analyser as it answers now (dictionaries plus the active models) on a labelled
 * sample: accuracy, macro-F1, per-class precision/recall/F1 and texts per second of the whole analysis.
 * Malformed lines are skipped and reported, as in the import.
 */
@ApplicationScoped
public class EvaluationService {

    @Inject
    TextAnalyzer analyzer;

    @Inject
    ExampleService examples;

    @Inject
    LearnConfig config;

    /**
     * Figures of {@code predictor} on the rows: n, accuracy, macroF1, perClass (precision, recall, f1, support),
     * textsPerSecond and the confusion counts (gold → predicted → n).
     */
    public static Map<String, Object> score(List<LabelledFile.Row> rows, Function<String, String> predictor) {
        EvaluationMetrics m = new EvaluationMetrics();
        long t0 = System.nanoTime();
        for (LabelledFile.Row r : rows) {
            m.add(r.label(), predictor.apply(r.text()));
        }
        double seconds = Math.max(1e-9, (System.nanoTime() - t0) / 1e9);
        Map<String, Object> out = Quality.of(m, rows.size() / seconds);
        out.put("confusion", m.confusion());
        return out;
    }

    public Map<String, Object> evaluate(String body) {
        LabelledFile.Parsed parsed = examples.parse(body, ExampleService.SENTIMENT_LABELS, config.maxEvaluateLines());
        if (parsed.rows().isEmpty()) {
            throw org.minyi.common.ApiException.badRequest("body", "has no well-formed label<TAB>text line"
                    + (parsed.skipped().isEmpty() ? "" : " (first problem: line " + parsed.skipped().get(0).line()
                    + ": " + parsed.skipped().get(0).reason() + ")"));
        }
        Map<String, Object> out = score(parsed.rows(), text -> analyzer.analyze(text).sentiment().label());
        LearnedModels models = analyzer.models();
        out.put("layers", models.sentiment() == null ? "dictionaries" : "dictionaries + learned model (weight "
                + Quality.round(models.sentiment().weight()) + ")");
        List<LabelledFile.Skipped> skipped = parsed.skipped();
        out.put("skippedCount", skipped.size());
        out.put("skipped", skipped.size() > ExampleService.MAX_REPORTED ? skipped.subList(0, ExampleService.MAX_REPORTED) : skipped);
        return out;
    }
}
