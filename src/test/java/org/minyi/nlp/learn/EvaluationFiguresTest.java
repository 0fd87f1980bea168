package org.minyi.nlp.learn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "model quality" figures on a tiny file checked by hand. */
class EvaluationFiguresTest {

    @Test
    @SuppressWarnings("unchecked")
    void figuresMatchHandComputation() throws IOException {
        String body = Files.readString(Path.of("src/test/resources/fixtures/learn/tiny-eval.tsv"), StandardCharsets.UTF_8);
        LabelledFile.Parsed parsed = LabelledFile.parse(body, ExampleService.SENTIMENT_LABELS, 1000);
        assertThat(parsed.rows()).hasSize(6);
        Map<String, String> predictions = Map.of("a", "negative", "b", "negative", "c", "positive",
                "d", "negative", "e", "positive", "f", "neutral");
        Map<String, Object> q = EvaluationService.score(parsed.rows(), predictions::get);
        // gold negative a b c -> neg neg pos; neutral d -> neg; positive e f -> pos neu
        assertThat(q.get("n")).isEqualTo(6);
        assertThat((double) q.get("accuracy")).isCloseTo(0.5, within(1e-4));
        Map<String, Map<String, Object>> per = (Map<String, Map<String, Object>>) q.get("perClass");
        assertThat((double) per.get("negative").get("precision")).isCloseTo(2 / 3.0, within(1e-4));
        assertThat((double) per.get("negative").get("recall")).isCloseTo(2 / 3.0, within(1e-4));
        assertThat((double) per.get("neutral").get("f1")).isEqualTo(0.0);
        assertThat((double) per.get("positive").get("precision")).isCloseTo(0.5, within(1e-4));
        assertThat((double) per.get("positive").get("recall")).isCloseTo(0.5, within(1e-4));
        assertThat(per.get("positive").get("support")).isEqualTo(2);
        assertThat((double) q.get("macroF1")).isCloseTo((2 / 3.0 + 0 + 0.5) / 3, within(1e-4));
        assertThat((long) q.get("textsPerSecond")).isPositive();
    }

    @Test
    void malformedLinesAreReportedWithTheirNumbers() {
        String body = "label\ttext\nnegative\t太差了\nno tab here\nangry\t生气\npositive\t\n\nneutral\t通知\n";
        LabelledFile.Parsed parsed = LabelledFile.parse(body, ExampleService.SENTIMENT_LABELS, 1000);
        assertThat(parsed.rows()).extracting(LabelledFile.Row::line).containsExactly(2, 7);
        assertThat(parsed.skipped()).extracting(LabelledFile.Skipped::line).containsExactly(3, 4, 5);
        assertThat(parsed.skipped().get(1).reason()).contains("unknown label 'angry'");
    }

    @Test
    void modelSurvivesSerialisation() {
        Features.Vector x = Features.extract("服务很好", java.util.List.of(), java.util.List.of("服务", "很", "好"), null, 12);
        Features.Vector y = Features.extract("服务太差", java.util.List.of(), java.util.List.of("服务", "太", "差"), null, 12);
        LinearModel m = Trainer.train(java.util.List.of("negative", "positive"), false, java.util.List.of(
                new Trainer.Example(x, new int[]{1}, 1f), new Trainer.Example(y, new int[]{0}, 1f)),
                new Trainer.Params(12, 20, 0.2, 1e-6, 1L, true, true), null);
        LinearModel copy = LinearModel.deserialize(m.serialize());
        assertThat(copy.probabilities(x)).containsExactly(m.probabilities(x));
        assertThat(copy.probabilities(x)[1]).isGreaterThan(0.8);
        assertThat(copy.probabilities(y)[0]).isGreaterThan(0.8);
    }
}
