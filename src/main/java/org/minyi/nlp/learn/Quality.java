package org.minyi.nlp.learn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.minyi.nlp.eval.EvaluationMetrics;

/** Evaluation figures as a JSON-ready map: n, accuracy, macroF1, per class precision/recall/F1/support, texts/s. */
public final class Quality {

    private Quality() {
    }

    public static Map<String, Object> of(EvaluationMetrics m, double textsPerSecond) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("n", m.count());
        out.put("accuracy", round(m.accuracy()));
        out.put("macroF1", round(m.macroF1()));
        Map<String, Object> per = new LinkedHashMap<>();
        for (String c : m.goldClasses()) {
            if (c.equals("-")) {
                continue;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("precision", round(m.precision(c)));
            f.put("recall", round(m.recall(c)));
            f.put("f1", round(m.f1(c)));
            f.put("support", m.confusion().getOrDefault(c, Map.of()).values().stream().mapToInt(Integer::intValue).sum());
            per.put(c, f);
        }
        out.put("perClass", per);
        if (textsPerSecond > 0) {
            out.put("textsPerSecond", Math.round(textsPerSecond));
        }
        return out;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
