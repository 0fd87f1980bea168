package org.minyi.nlp;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * A small character trie for dictionary scans over text (longest match and all matches at a
 * position). Built once, then read-only and thread-safe. A node's children are kept in a sorted {@code char} array
 * searched by bisection (no {@code Character} boxing and hashing per character of the scanned text).
 *
 * @param <V> value stored for each word
 */
final class DictTrie<V> {

    private static final class Node<V> {
        private static final char[] NO_KEYS = new char[0];
        char[] keys = NO_KEYS;
        Node<V>[] children;
        V value;
        String word;

        Node<V> child(char c) {
            char[] k = keys;
            int lo = 0;
            int hi = k.length - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                char m = k[mid];
                if (m < c) {
                    lo = mid + 1;
                } else if (m > c) {
                    hi = mid - 1;
                } else {
                    return children[mid];
                }
            }
            return null;
        }

        @SuppressWarnings("unchecked")
        Node<V> childOrNew(char c) {
            int i = Arrays.binarySearch(keys, c);
            if (i >= 0) {
                return children[i];
            }
            int at = -i - 1;
            int n = keys.length;
            char[] k = new char[n + 1];
            Node<V>[] ch = new Node[n + 1];
            System.arraycopy(keys, 0, k, 0, at);
            if (children != null) {
                System.arraycopy(children, 0, ch, 0, at);
                System.arraycopy(children, at, ch, at + 1, n - at);
            }
            System.arraycopy(keys, at, k, at + 1, n - at);
            Node<V> fresh = new Node<>();
            k[at] = c;
            ch[at] = fresh;
            keys = k;
            children = ch;
            return fresh;
        }
    }

    private final Node<V> root = new Node<>();
    private int size;

    void put(String word, V value) {
        if (word == null || word.isEmpty()) {
            return;
        }
        Node<V> n = root;
        for (int i = 0; i < word.length(); i++) {
            n = n.childOrNew(word.charAt(i));
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
            n = n.child(word.charAt(i));
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
            n = n.child(s.charAt(j));
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
            n = n.child(s.charAt(j));
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
            n = n.child(s.charAt(j));
            if (n == null) {
                return;
            }
            if (n.word != null) {
                hit.accept(n.word, n.value);
            }
        }
    }
}
