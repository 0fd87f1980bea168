package org.minyi.nlp.eval;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import org.minyi.nlp.Analysis;
import org.minyi.nlp.NlpProducer;
import org.minyi.nlp.Sentiment;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.nlp.learn.LabelledFile;
import org.minyi.nlp.learn.LearnDefaults;
import org.minyi.nlp.learn.LearnedModels;
import org.minyi.nlp.learn.ModelTraining;
import org.minyi.nlp.learn.SentimentModel;
import org.minyi.nlp.learn.Trainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Sentiment evaluation and throughput check, without CDI.
 *
 * <pre>./mvnw -q compile exec:java -Dexec.mainClass=org.minyi.nlp.eval.SentimentEval -Dexec.args="DEV_FILE [--train TRAIN_FILE]"</pre>
 *
 * DEV_FILE is a UTF-8 {@code label<TAB>text} file (header line optional). With {@code --train TRAIN_FILE} the
 * learned sentiment model is first trained in memory on that file, exactly as the service trains it from examples
 * imported with {@code POST /api/nlp/examples/import} (same features, parameters and blend with the lexicon), and
 * the blended answers are evaluated; without it, the shipped lexicon scorer alone. Prints n, accuracy, macro-F1,
 * per-class precision/recall/F1, texts per second of the whole analysis ({@link TextAnalyzer#analyze(String)})
 * and of plain HanLP Viterbi segmentation on the same texts, and their ratio.
 * System property {@code minyi.eval.weights=0.5,0.7,0.9} (with {@code --train}) first prints accuracy and macro-F1 for
 * those blend weights of the model (a tuning aid; the figures below use the configured weight).
 * System property {@code minyi.eval.errors=N} prints the first N misclassified texts with their explanation.
 * System property {@code minyi.nlp.dictionary-dir} overrides the dictionary directory (default {@code dictionaries}).
 */
public final class SentimentEval {

    private static final Set<String> LABELS = Set.of(Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE);

    private SentimentEval() {
    }

    public static void main(String[] args) throws IOException {
        String devFile = null;
        String trainFile = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--train") && i + 1 < args.length) {
                trainFile = args[++i];
            } else if (devFile == null) {
                devFile = args[i];
            } else {
                devFile = null;
                break;
            }
        }
        if (devFile == null) {
            System.err.println("usage: SentimentEval LABEL_TSV_FILE [--train TRAIN_TSV_FILE]");
            System.exit(2);
        }
        LabelledFile.Parsed dev = read(devFile);
        List<String> gold = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (LabelledFile.Row r : dev.rows()) {
            gold.add(r.label());
            texts.add(r.text());
        }
        Path dir = Path.of(System.getProperty("minyi.nlp.dictionary-dir", "dictionaries"));
        TextAnalyzer analyzer = NlpProducer.standalone(dir, 100_000);
        if (trainFile != null) {
            LabelledFile.Parsed train = read(trainFile);
            List<ModelTraining.Sample> samples = new ArrayList<>();
            train.rows().forEach(r -> samples.add(ModelTraining.Sample.of(r.label(), r.text())));
            long t0 = System.nanoTime();
            ModelTraining.Result result = ModelTraining.trainSentiment(analyzer, samples, LearnDefaults.sentimentParams(),
                    (phase, pct) -> { });
            analyzer.useModels(new LearnedModels(new SentimentModel(result.model(), "model (in memory)",
                    result.examples(), LearnDefaults.HALF_WEIGHT_EXAMPLES, LearnDefaults.MAX_MODEL_WEIGHT), null));
            System.out.printf(Locale.ROOT, "trained     %d examples from %s in %.1f s (%d lines skipped); held-out %s%n",
                    result.examples(), trainFile, (System.nanoTime() - t0) / 1e9, train.skipped().size(), result.quality());
        }

        String weights = System.getProperty("minyi.eval.weights");
        if (weights != null && analyzer.models().sentiment() != null) {
            SentimentModel trained = analyzer.models().sentiment();
            for (String w : weights.split(",")) {
                analyzer.useModels(new LearnedModels(new SentimentModel(trained.model(), "model", Double.parseDouble(w)), null));
                EvaluationMetrics mw = new EvaluationMetrics();
                for (int i = 0; i < texts.size(); i++) {
                    mw.add(gold.get(i), analyzer.analyze(texts.get(i)).sentiment().label());
                }
                System.out.printf(Locale.ROOT, "weight %s   accuracy %.4f  macro-F1 %.4f%n", w, mw.accuracy(), mw.macroF1());
            }
            analyzer.useModels(new LearnedModels(trained, null));
        }
        // warm-up of both paths (JIT), then timed runs
        Segment warm = HanLP.newSegment();
        for (int i = 0; i < Math.min(300, texts.size()); i++) {
            analyzer.analyze(texts.get(i));
            warm.seg(texts.get(i));
        }
        // three alternating timed rounds (the machine may be shared); the best round of each counts
        Segment segment = HanLP.newSegment();
        List<String> predicted = new ArrayList<>(texts.size());
        double analysisSeconds = Double.MAX_VALUE;
        double segSeconds = Double.MAX_VALUE;
        long terms = 0;
        for (int round = 0; round < 3; round++) {
            List<String> labels = new ArrayList<>(texts.size());
            long t0 = System.nanoTime();
            for (String t : texts) {
                Analysis a = analyzer.analyze(t);
                labels.add(a.sentiment().label());
            }
            analysisSeconds = Math.min(analysisSeconds, (System.nanoTime() - t0) / 1e9);
            predicted = labels;
            long t1 = System.nanoTime();
            terms = 0;
            for (String t : texts) {
                terms += segment.seg(t).size();
            }
            segSeconds = Math.min(segSeconds, (System.nanoTime() - t1) / 1e9);
        }
        EvaluationMetrics m = new EvaluationMetrics();
        int showErrors = Integer.getInteger("minyi.eval.errors", 0);
        for (int i = 0; i < texts.size(); i++) {
            m.add(gold.get(i), predicted.get(i));
            if (showErrors > 0 && !gold.get(i).equals(predicted.get(i))) {
                showErrors--;
                System.out.println("ERR gold=" + gold.get(i) + " pred=" + predicted.get(i) + " | " + texts.get(i)
                        + " | " + analyzer.sentiment(texts.get(i)).explanation());
            }
        }

        System.out.printf(Locale.ROOT, "file        %s%n", devFile);
        System.out.printf(Locale.ROOT, "layers      %s%n", trainFile == null ? "lexicon and rules only" : "lexicon + learned model (blend)");
        System.out.printf(Locale.ROOT, "n           %d (%d lines skipped)%n", m.count(), dev.skipped().size());
        System.out.printf(Locale.ROOT, "accuracy    %.4f%n", m.accuracy());
        System.out.printf(Locale.ROOT, "macro-F1    %.4f  (over gold classes %s)%n", m.macroF1(), m.goldClasses());
        for (String c : List.of("negative", "neutral", "positive")) {
            if (m.goldClasses().contains(c)) {
                System.out.printf(Locale.ROOT, "%-10s  P %.4f  R %.4f  F1 %.4f%n", c, m.precision(c), m.recall(c), m.f1(c));
            }
        }
        System.out.println("confusion (gold -> predicted): " + m.confusion());
        double analysisRate = texts.size() / analysisSeconds;
        double segRate = texts.size() / segSeconds;
        System.out.printf(Locale.ROOT, "analysis    %.0f texts/s (whole analysis, best of 3 rounds)%n", analysisRate);
        System.out.printf(Locale.ROOT, "segment     %.0f texts/s (plain HanLP Viterbi, %d terms, best of 3 rounds)%n", segRate, terms);
        System.out.printf(Locale.ROOT, "ratio       %.2f (analysis / segmentation; aim >= 0.33)%n", analysisRate / segRate);
    }

    private static LabelledFile.Parsed read(String file) throws IOException {
        return LabelledFile.parse(Files.readString(Path.of(file), StandardCharsets.UTF_8), LABELS, 100_000);
    }
}
