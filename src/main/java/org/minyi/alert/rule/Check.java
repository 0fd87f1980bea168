package org.minyi.alert.rule;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A validated, compiled condition. */
public sealed interface Check {

    /** Conditions on one post's own text or origin. */
    sealed interface PostCheck extends Check permits Phrase, Watch {
    }

    /** Conditions on counts of a topic or of the whole district in a window against a baseline. */
    sealed interface CountCheck extends Check permits Spike, Emerging {
        boolean district();
    }

    /**
     * Volume ({@code negativeOnly} false) or negative surge: posts in {@code window} ≥ minPosts, their rate ≥ factor ×
     * max(floor, rate over {@code baseline} before the window), and for surges ≥ minShare of the window negative.
     */
    record Spike(boolean district, boolean negativeOnly, Duration window, Duration baseline, double factor, int minPosts,
                 double floor, double minShare) implements CountCheck {
    }

    /** The topic is flagged emerging by topic detection and has at least minPosts posts. */
    record Emerging(int minPosts) implements CountCheck {
        @Override
        public boolean district() {
            return false;
        }
    }

    /** A phrase, optionally near another word, not inside an exclusion. */
    record Phrase(List<String> phrases, List<String> near, int distance, List<String> exclude) implements PostCheck {

        /** The first qualifying occurrence, described ("爆炸" 近 "化工"), or null. */
        public String match(PhraseIndex.Occurrences occ) {
            for (String p : phrases) {
                for (int[] o : occ.of(p)) {
                    if (excluded(occ, o)) {
                        continue;
                    }
                    if (near.isEmpty()) {
                        return "「" + p + "」";
                    }
                    for (String n : near) {
                        for (int[] m : occ.of(n)) {
                            int gap = Math.max(0, Math.max(m[0] - o[1], o[0] - m[1]));
                            if (gap <= distance && !(m[0] == o[0] && m[1] == o[1])) {
                                return "「" + p + "」近「" + n + "」";
                            }
                        }
                    }
                }
            }
            return null;
        }

        private boolean excluded(PhraseIndex.Occurrences occ, int[] o) {
            for (String x : exclude) {
                for (int[] e : occ.of(x)) {
                    if (e[0] <= o[0] && e[1] >= o[1]) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** A watched source (by name or id) or author. */
    record Watch(Set<String> sources, Set<String> authors) implements PostCheck {
        public String match(String sourceName, long sourceId, String author) {
            if (sourceName != null && sources.contains(sourceName.toLowerCase(Locale.ROOT))) {
                return "来源「" + sourceName + "」";
            }
            if (sources.contains(String.valueOf(sourceId))) {
                return "来源「" + sourceName + "」";
            }
            if (author != null && authors.contains(author.trim().toLowerCase(Locale.ROOT))) {
                return "作者「" + author.trim() + "」";
            }
            return null;
        }
    }
}
