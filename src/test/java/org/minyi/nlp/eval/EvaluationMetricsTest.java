package org.minyi.nlp.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluationMetricsTest {

    @Test
    void handCheckedExample() {
        // gold: 3 neg, 2 pos. predicted: neg neg pos | pos neutral
        EvaluationMetrics m = new EvaluationMetrics();
        m.add("negative", "negative");
        m.add("negative", "negative");
        m.add("negative", "positive");
        m.add("positive", "positive");
        m.add("positive", "neutral");
        assertThat(m.count()).isEqualTo(5);
        assertThat(m.accuracy()).isCloseTo(3 / 5.0, within(1e-9));
        // negative: P = 2/2, R = 2/3, F1 = 0.8
        assertThat(m.precision("negative")).isCloseTo(1.0, within(1e-9));
        assertThat(m.recall("negative")).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(m.f1("negative")).isCloseTo(0.8, within(1e-9));
        // positive: P = 1/2, R = 1/2, F1 = 0.5
        assertThat(m.precision("positive")).isCloseTo(0.5, within(1e-9));
        assertThat(m.recall("positive")).isCloseTo(0.5, within(1e-9));
        assertThat(m.f1("positive")).isCloseTo(0.5, within(1e-9));
        // macro over gold classes {negative, positive}; neutral is not a gold class
        assertThat(m.goldClasses()).containsExactly("negative", "positive");
        assertThat(m.macroF1()).isCloseTo(0.65, within(1e-9));
        assertThat(m.precision("neutral")).isZero();
    }

    @Test
    void empty() {
        EvaluationMetrics m = new EvaluationMetrics();
        assertThat(m.accuracy()).isZero();
        assertThat(m.macroF1()).isZero();
    }
}
