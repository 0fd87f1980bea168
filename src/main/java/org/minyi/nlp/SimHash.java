package org.minyi.nlp;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** 64-bit SimHash over words (weight = term frequency; FNV-1a 64 with a final mix per word). */
public final class SimHash {

    private SimHash() {
    }

    /** SimHash of the words; 0 for no words. */
    public static long of(List<String> words) {
        if (words.isEmpty()) {
            return 0L;
        }
        Map<String, Integer> tf = new HashMap<>();
        for (String w : words) {
            tf.merge(w, 1, Integer::sum);
        }
        int[] v = new int[64];
        for (Map.Entry<String, Integer> e : tf.entrySet()) {
            long h = hash(e.getKey());
            int wt = e.getValue();
            for (int b = 0; b < 64; b++) {
                v[b] += ((h >>> b) & 1L) == 1L ? wt : -wt;
            }
        }
        long out = 0;
        for (int b = 0; b < 64; b++) {
            if (v[b] > 0) {
                out |= 1L << b;
            }
        }
        return out;
    }

    /** Number of differing bits; near-duplicates typically differ in at most 3. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
