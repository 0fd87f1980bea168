package org.minyi.nlp;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A small character trie for dictionary scans over text (longest match and all matches at a
 * position). Built once, then read-only and thread-safe.
 *
 * @param <V> value stored for each word
 */
final class DictTrie<V> {

    private static final class Node<V> {
        Map<Character, Node<V>> children;
        V value;
        String word;
    }

    private final Node<V> root = new Node<>();
    private int size;

    void put(String word, V value) {
        if (word == null || word.isEmpty()) {
            return;
        }
        Node<V> n = root;
        for (int i = 0; i < word.length(); i++) {
            if (n.children == null) {
                n.children = new HashMap<>(4);
            }
            n = n.children.computeIfAbsent(word.charAt(i), k -> new Node<>());
        }
        if (n.word == null) {
            size++;
        }
        n.value = value;
        n.word = word;
    }

    V get(String word) {
        Node<V> n = root;
        for (int i = 0; i < word.length() && n != null; i++) {
            n = n.children == null ? null : n.children.get(word.charAt(i));
        }
        return n == null ? null : n.value;
    }

    int size() {
        return size;
    }

    /** Length of the longest word starting at {@code i}, or 0. */
    int longestAt(CharSequence s, int i) {
        Node<V> n = root;
        int best = 0;
        for (int j = i; j < s.length(); j++) {
            if (n.children == null) {
                break;
            }
            n = n.children.get(s.charAt(j));
            if (n == null) {
                break;
            }
            if (n.word != null) {
                best = j - i + 1;
            }
        }
        return best;
    }

    /** Value of the word {@code s[i, i+len)}, or null; no substring is created. */
    V valueAt(CharSequence s, int i, int len) {
        Node<V> n = root;
        for (int j = i; j < i + len && n != null; j++) {
            n = n.children == null ? null : n.children.get(s.charAt(j));
        }
        return n == null ? null : n.value;
    }

    /** True when some word occurs anywhere in {@code s}. */
    boolean occursIn(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (longestAt(s, i) > 0) {
                return true;
            }
        }
        return false;
    }

    /** Calls {@code hit(word, value)} for every word starting at {@code i}. */
    void matchesAt(CharSequence s, int i, BiConsumer<String, V> hit) {
        Node<V> n = root;
        for (int j = i; j < s.length(); j++) {
            if (n.children == null) {
                return;
            }
            n = n.children.get(s.charAt(j));
            if (n == null) {
                return;
            }
            if (n.word != null) {
                hit.accept(n.word, n.value);
            }
        }
    }
}
