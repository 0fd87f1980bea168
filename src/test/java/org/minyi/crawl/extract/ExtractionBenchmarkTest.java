package org.minyi.crawl.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The ports of minyi_eval.py's char_f1 and norm_minute. */
class ExtractionBenchmarkTest {

    @Test
    void charF1LikePython() {
        assertThat(ExtractionBenchmark.charF1("", "")).isEqualTo(1.0);
        assertThat(ExtractionBenchmark.charF1("abc", "")).isEqualTo(0.0);
        assertThat(ExtractionBenchmark.charF1("a b\u3000c\n", "abc")).isEqualTo(1.0);
        assertThat(ExtractionBenchmark.charF1("a\u00A0b", "ab")).isEqualTo(1.0);
        // pred aab, gold ab: inter 2, p=2/3, r=1 -> 0.8
        assertThat(ExtractionBenchmark.charF1("aab", "ab")).isCloseTo(0.8, within(1e-9));
        assertThat(ExtractionBenchmark.charF1("民意", "民生")).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void normMinuteLikePython() {
        assertThat(ExtractionBenchmark.normMinute("2005-5-7 21:23:57")).isEqualTo("2005-05-07 21:23");
        assertThat(ExtractionBenchmark.normMinute("2005-05-07T21:23:00+08:00")).isEqualTo("2005-05-07 21:23");
        assertThat(ExtractionBenchmark.normMinute("2005-05-07T13:23:00Z")).isEqualTo("2005-05-07 21:23");
        assertThat(ExtractionBenchmark.normMinute("2005-05-07T21:23-05:00")).isEqualTo("2005-05-08 10:23");
        assertThat(ExtractionBenchmark.normMinute("1998-3")).isEqualTo("1998-03");
        assertThat(ExtractionBenchmark.normMinute("2003-7-24")).isEqualTo("2003-07-24");
        assertThat(ExtractionBenchmark.normMinute("2018")).isNull();
        assertThat(ExtractionBenchmark.normMinute("UNKNOWN")).isNull();
        assertThat(ExtractionBenchmark.normMinute("unknwon")).isNull();
        assertThat(ExtractionBenchmark.normMinute((String) null)).isNull();
    }
}
