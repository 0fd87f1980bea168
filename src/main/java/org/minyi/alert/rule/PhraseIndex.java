package org.minyi.alert.rule;

import com.hankcs.hanlp.collection.AhoCorasick.AhoCorasickDoubleArrayTrie;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every phrase, nearby word and exclusion of every enabled rule in one Aho-Corasick automaton (HanLP's double-array
 * trie): a post's text is scanned once, whatever the number of rules, and each phrase condition reads the occurrences.
 */
public final class PhraseIndex {

    /** Where each word occurs in one text: {@code [begin, end)} character offsets. */
    public record Occurrences(Map<String, List<int[]>> byWord) {
        public List<int[]> of(String word) {
            return byWord.getOrDefault(word, List.of());
        }
    }

    private final AhoCorasickDoubleArrayTrie<String> trie;

    public PhraseIndex(Collection<String> words) {
        TreeMap<String, String> map = new TreeMap<>();
        for (String w : words) {
            String n = normalize(w);
            if (!n.isEmpty()) {
                map.put(n, n);
            }
        }
        if (map.isEmpty()) {
            trie = null;
        } else {
            trie = new AhoCorasickDoubleArrayTrie<>();
            trie.build(map);
        }
    }

    public Occurrences scan(String text) {
        if (trie == null || text == null || text.isEmpty()) {
            return new Occurrences(Map.of());
        }
        Map<String, List<int[]>> out = new HashMap<>();
        trie.parseText(normalize(text), (begin, end, value) -> out.computeIfAbsent(value, k -> new ArrayList<>()).add(new int[] {begin, end}));
        return new Occurrences(out);
    }

    /** Lower case for Latin letters; full-width letters and digits as half-width; nothing else changes offsets. */
    public static String normalize(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                c = ' ';
            }
            b.append(c);
        }
        return b.toString().toLowerCase(Locale.ROOT).trim().isEmpty() ? "" : b.toString().toLowerCase(Locale.ROOT);
    }
}
