package org.minyi.nlp.learn;

import java.util.Arrays;
import java.util.List;
import org.minyi.nlp.Sentiment;

/**
 * Sparse features of one text for the learned models: hashed character 1–3-grams of the normalised text (with
 * start/end markers), hashed segmented words and word pairs, the emoticons found by the normaliser, plus a few
 * dense features from the lexicon scorer (its score, its label, whether it found evidence). Hashed features are
 * binary and the hashed part of the vector is scaled to unit length; the lexicon features are not scaled.
 * Pure functions, thread-safe.
 */
public final class Features {

    /** Indices below this are the dense lexicon features. */
    public static final int DENSE = 8;
    static final int LEX_SCORE = 0;
    static final int LEX_NEG = 1;
    static final int LEX_NEU = 2;
    static final int LEX_POS = 3;
    static final int LEX_EVIDENCE = 4;
    static final int LEX_ABS = 5;

    private Features() {
    }

    /** One sparse vector: parallel arrays of indices and values. */
    public record Vector(int[] index, float[] value) {
        public int size() {
            return index.length;
        }
    }

    /**
     * @param text       normalised text (see {@code TextNormalizer})
     * @param emoticons  emoticon codes and emoji found in the raw text
     * @param words      segmented words (may be empty)
     * @param lexicon    the lexicon scorer's answer, or null to leave the dense features out
     * @param bits       log2 of the hashed dimension
     */
    public static Vector extract(String text, List<String> emoticons, List<String> words, Sentiment lexicon, int bits) {
        int mask = (1 << bits) - 1;
        String s = text.toLowerCase(java.util.Locale.ROOT);
        int n = s.length();
        int[] idx = new int[3 * (n + 2) + 2 * words.size() + emoticons.size() + 16];
        int k = 0;
        // character n-grams over "^" + s + "$"
        for (int i = -1; i <= n; i++) {
            int h1 = 0x9747b28c;
            for (int len = 1; len <= 3 && i + len - 1 <= n; len++) {
                int p = i + len - 1;
                char c = p < 0 ? '^' : p >= n ? '$' : s.charAt(p);
                if (len == 1 && (p < 0 || p >= n)) {
                    h1 = mixIn(h1, c);
                    continue;   // no unigram for the markers
                }
                h1 = mixIn(h1, c);
                if (c == ' ' && len == 1) {
                    break;
                }
                idx[k++] = bucket(fmix(h1 ^ len), mask);
            }
        }
        // words and word pairs
        int prev = 0;
        for (String w : words) {
            if (w.isBlank()) {
                continue;
            }
            int h = 0x1b873593;
            for (int i = 0; i < w.length(); i++) {
                h = mixIn(h, Character.toLowerCase(w.charAt(i)));
            }
            idx[k++] = bucket(fmix(h ^ 0x51), mask);
            if (prev != 0) {
                idx[k++] = bucket(fmix(prev * 0x2c1b3c6d + h ^ 0x52), mask);
            }
            prev = h;
        }
        for (String e : emoticons) {
            int h = 0x68e31da4;
            for (int i = 0; i < e.length(); i++) {
                h = mixIn(h, e.charAt(i));
            }
            idx[k++] = bucket(fmix(h ^ 0x53), mask);
        }
        int[] sorted = Arrays.copyOf(idx, k);
        Arrays.sort(sorted);
        int u = 0;
        for (int i = 0; i < k; i++) {
            if (u == 0 || sorted[i] != sorted[u - 1]) {
                sorted[u++] = sorted[i];
            }
        }
        int dense = lexicon == null ? 0 : 5;
        int[] outIdx = new int[u + dense];
        float[] outVal = new float[u + dense];
        float norm = u == 0 ? 0 : (float) (1 / Math.sqrt(u));
        int o = 0;
        if (lexicon != null) {
            double sc = lexicon.score();
            outIdx[o] = LEX_SCORE;
            outVal[o++] = (float) sc;
            outIdx[o] = lexicon.label().equals(Sentiment.NEGATIVE) ? LEX_NEG
                    : lexicon.label().equals(Sentiment.POSITIVE) ? LEX_POS : LEX_NEU;
            outVal[o++] = 1f;
            outIdx[o] = LEX_EVIDENCE;
            outVal[o++] = lexicon.explanation().isEmpty() ? 0f : 1f;
            outIdx[o] = LEX_ABS;
            outVal[o++] = (float) Math.abs(sc);
            outIdx[o] = 6;
            outVal[o++] = (float) (sc * sc * Math.signum(sc));
        }
        for (int i = 0; i < u; i++) {
            outIdx[o] = sorted[i];
            outVal[o++] = norm;
        }
        return new Vector(outIdx, outVal);
    }

    private static int bucket(int h, int mask) {
        int b = h & mask;
        return b < DENSE ? b + DENSE : b;
    }

    private static int mixIn(int h, char c) {
        return h * 0x01000193 ^ c;
    }

    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
