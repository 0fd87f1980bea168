package org.minyi.nlp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lexicon- and rule-based sentiment of Chinese text.
 *
 * <p>The text is split into sentences and clauses and scanned with a longest-match over the
 * sentiment lexicon, negations, degree adverbs and contrast words (a dictionary scan rather than a
 * segmentation, so that sentiment does not depend on segmentation choices). Rules:
 * <ul>
 *   <li>negation: a negation word up to {@value #WINDOW} characters before a sentiment word (degree
 *       words in between do not count) flips a positive word (x{@value #NEG_FLIP_POSITIVE}) or softens a
 *       negative one (x{@value #NEG_FLIP_NEGATIVE}); two negations cancel (不是不好 → mildly positive);</li>
 *   <li>degree adverbs multiply the next sentiment word (非常 1.8, 有点 0.8 ...);</li>
 *   <li>contrast (但是, 可是 ...): the part of the sentence before counts x0.5, the part after x1.5;
 *       a concessive opener (虽然 ...) marks its clause as the weaker part;</li>
 *   <li>softened negation (不太好, 不是很满意, 不怎么样) flips a positive word less (x{@value #SOFT_NEG_FLIP_POSITIVE});
 *       stacked degree words are capped (最最 is x{@value #MAX_DEGREE}); hedges (似乎, 也许) are degree words below 1;</li>
 *   <li>expectation (本以为/原以为/还以为 …): the expected clause counts x{@value #EXPECTATION}, and what follows
 *       (after a comma or a turn word 结果/没想到/谁知) x1.5;</li>
 *   <li>conditional clauses (如果/要是/假如 … up to the clause end) count x{@value #CONDITIONAL}; a wish ending
 *       (如果…就好了, 能再便宜点就更好了) adds {@value #WISH} and the praise inside it does not count;</li>
 *   <li>minor flaw (唯一的缺点, 美中不足, 小遗憾): negative words from there on count x{@value #MINOR_FLAW};</li>
 *   <li>summing up (总之, 总的来说, 总体而言): words from there on count x{@value #SUMMARY};</li>
 *   <li>spaces between Chinese characters separate clauses like commas (reviews often use them so);</li>
 *   <li>rhetorical questions (难道…吗, 凭什么, 怎么能, 这也叫, 还好意思 ...) lean negative; praise in a yes-no
 *       question or with 也能/也配 (这书也能推荐？) is read as irony;</li>
 *   <li>exclamation marks intensify their sentence;</li>
 *   <li>Weibo emoticon codes and emoji add their own weights.</li>
 * </ul>
 * The sum is squashed with {@code tanh(sum / 3)} into [-1, 1]. Because the texts monitored are mostly
 * reports of problems, the neutral band is asymmetric: below {@value #NEGATIVE_BELOW} is negative, above
 * {@value #POSITIVE_ABOVE} positive. Immutable and thread-safe.
 */
public class SentimentScorer {

    static final int WINDOW = 3;
    static final double NEG_FLIP_POSITIVE = -0.9;
    static final double NEG_FLIP_NEGATIVE = -0.5;
    static final double DOUBLE_NEGATION = 0.8;
    static final double BEFORE_CONTRAST = 0.5;
    static final double AFTER_CONTRAST = 1.5;
    static final double RHETORICAL_WEIGHT = -1.5;
    static final double QUESTION = -0.8;
    /**
     * Negative evidence weighs more than positive evidence: for a monitoring service a missed complaint
     * costs more than a false alarm, and mixed posts about local problems are mostly complaints.
     */
    static final double NEGATIVITY = 1.2;
    static final double STRONG_NEGATIVE = -3.0;
    /** 不太好, 不是很满意, 不怎么样: a negation softened by a degree word flips less than a plain one. */
    static final double SOFT_NEG_FLIP_POSITIVE = -0.6;
    /** Product of stacked degree words is kept in this range (最最实用 is not x4). */
    static final double MAX_DEGREE = 2.0;
    static final double MIN_DEGREE = 0.5;
    /** 本以为很好，结果…: what was expected is no evaluation of what happened. */
    static final double EXPECTATION = 0.2;
    /** 如果再便宜点: sentiment inside a conditional clause is hypothetical. */
    static final double CONDITIONAL = 0.2;
    /** 如果…就好了 / 要是能…就更好了: a wish implies that something is missing. */
    static final double WISH = -1.0;
    /** 唯一的缺点是…: a flaw introduced as the only one weighs less. */
    static final double MINOR_FLAW = 0.5;
    /** 总之 / 总的来说: the summing-up clause weighs more. */
    static final double SUMMARY = 1.5;
    static final double SCALE = 3.0;
    static final double NEGATIVE_BELOW = -0.05;
    static final double POSITIVE_ABOVE = 0.10;
    private static final int MAX_EXPLANATION = 40;

    private static final Pattern QUESTION_WORDS = Pattern.compile(
            "为什么|为啥|干嘛|凭啥|怎么|咋|能不能|可不可以|是不是|有没有|什么时候|何时|谁");
    private static final DictTrie<Boolean> RHETORICAL = new DictTrie<>();

    static {
        for (String p : ("凭什么 凭啥 怎么能 怎么可以 怎能 岂能 有没有人管 还有没有 谁来管 谁管管 谁能管 没人管吗 为什么没人 "
                + "到底有没有 到底什么时候 有人管管 何时才能 什么时候才能 还要等多久 要等到什么时候 还让不让人 像话吗 合理吗 "
                + "有天理吗 有王法吗 这也叫 这也算 这也能 这也配 也好意思 还好意思 好意思说 有脸说 谁给的勇气 "
                + "能不能长点心 有意思吗 有必要吗 至于吗 何必呢 图什么 良心不会痛吗 不觉得丢人吗").split(" ")) {
            RHETORICAL.put(p, Boolean.TRUE);
        }
    }

    /** Openers of an expectation clause (本以为…): their clause counts x{@value #EXPECTATION}. */
    static final String[] EXPECTATION_WORDS = ("本以为 原以为 本来以为 原本以为 原来以为 满以为 满心以为 还以为 我以为 以为 "
            + "本想 原想 本指望 原指望 本来指望 还指望 本期待 原本期待 本来期待 期望很高").split(" ");
    /** Words that end an expectation clause without a comma (本以为很好结果很差). */
    static final String[] TURN_WORDS = "结果 没想到 想不到 谁知 谁知道 谁料 不料 哪知 哪知道 岂料 没料到 殊不知 实际上 事实上 其实"
            .split(" ");
    /** Openers of a conditional clause (如果, 要是 …). */
    static final String[] CONDITIONAL_WORDS = ("如果 假如 假若 假使 倘若 倘使 要是 若是 如若 若能 如能 万一 如果说 要不是 "
            + "那样会 那样就 那样的话 这样会更 那会更 不然就 否则就 否则会").split(" ");
    /** Markers of a minor flaw (唯一的缺点, 美中不足). */
    static final String[] FLAW_WORDS = "唯一 美中不足 白璧微瑕 小瑕疵 小缺点 小问题 小毛病 小遗憾 小不足 不足之处 唯独 稍有不足"
            .split(" ");
    /** Summing-up markers (总之, 总的来说 …). */
    static final String[] SUMMARY_WORDS = ("总之 总的来说 总的说来 总体来说 总体而言 总体上 总体感觉 总体 整体来说 整体而言 整体感觉 "
            + "整体上 综合来看 综合来说 综上 总而言之 总结 总评 一句话总结 总的讲 总得来说 概括来说 说到底").split(" ");
    /** 如果…就好了: wish endings (checked only when a conditional opener or 能/再 precedes). */
    private static final Pattern WISH_END = Pattern.compile("(就|会|那就|那|才)(更|最|会更)?(好|完美|棒|满意|理想|方便)(了|啦|咯|喽|哦|呀|啊)");
    /** Words before 就好了 that show a wish for something missing (再便宜点就好了, 能加个包就好啦). */
    private static final Pattern WISH_CUE = Pattern.compile("能|再|多|少|点|些|应该|最好|加|改|换|早");

    /** What a dictionary string means; a string may be several things (好 is sentiment and degree). */
    private static final class Entry {
        Double weight;
        boolean negation;
        Double degree;
        boolean contrast;
        boolean concessive;
        boolean expectation;
        boolean turn;
        boolean conditional;
        boolean flaw;
        boolean summary;
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private final DictTrie<Entry> trie = new DictTrie<>();
    private final Map<String, Double> emoticons = new HashMap<>();

    public SentimentScorer(NlpResources resources) {
        resources.sentiment().forEach((w, v) -> entry(w).weight = v);
        resources.negations().forEach(w -> entry(w).negation = true);
        resources.degrees().forEach((w, v) -> entry(w).degree = v);
        resources.contrasts().forEach(w -> entry(w).contrast = true);
        resources.concessives().forEach(w -> entry(w).concessive = true);
        resources.emoticons().forEach((w, v) -> emoticons.put(stripVariation(w), v));
        for (String w : EXPECTATION_WORDS) {
            entry(w).expectation = true;
        }
        for (String w : TURN_WORDS) {
            entry(w).turn = true;
        }
        for (String w : CONDITIONAL_WORDS) {
            entry(w).conditional = true;
        }
        for (String w : FLAW_WORDS) {
            entry(w).flaw = true;
        }
        for (String w : SUMMARY_WORDS) {
            entry(w).summary = true;
        }
        entries.forEach(trie::put);
    }

    private Entry entry(String w) {
        return entries.computeIfAbsent(w.toLowerCase(Locale.ROOT), k -> new Entry());
    }

    private static String stripVariation(String s) {
        return s.replace("\uFE0F", "");
    }

    /** Scores a normalised text (see {@link TextNormalizer}). */
    public Sentiment score(NormalizedText input) {
        List<String> why = new ArrayList<>();
        double total = 0;
        String text = input.text().toLowerCase(Locale.ROOT);
        if (!text.isEmpty()) {
            for (String sentence : sentences(text)) {
                if (!sentence.isBlank()) {
                    total += scoreSentence(sentence, why);
                }
            }
        }
        for (String e : input.emoticons()) {
            Double w = emoticons.get(stripVariation(e));
            if (w != null && w != 0) {
                total += w;
                explain(why, e + "(" + fmt(w) + ")");
            }
        }
        if (total == 0) {
            return new Sentiment(Sentiment.NEUTRAL, 0.0, why);
        }
        double score = Math.tanh(total / SCALE);
        String label = score < NEGATIVE_BELOW ? Sentiment.NEGATIVE
                : score > POSITIVE_ABOVE ? Sentiment.POSITIVE : Sentiment.NEUTRAL;
        explain(why, "sum " + fmt(total) + " → tanh(sum/" + plain(SCALE) + ") = " + fmt(score));
        return new Sentiment(label, score, why);
    }

    /** The text cut after each sentence end {@code 。!?;…\n~～} (as {@code split("(?<=[。!?;…\\n~～])")}). */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '。' || c == '!' || c == '?' || c == ';' || c == '…' || c == '\n' || c == '~' || c == '～') {
                out.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < n) {
            out.add(text.substring(start));
        }
        return out;
    }

    private double scoreSentence(String s, List<String> why) {
        double weighted = 0;     // finished parts, already weighted (before a contrast, concessive clauses)
        double current = 0;      // part being accumulated
        boolean afterContrast = false;
        boolean inConcessive = false;
        double concessiveWeight = BEFORE_CONTRAST;   // weight of the open concessive / expectation clause
        boolean conditional = false;                 // inside 如果… up to the end of the clause
        double flaw = 1;                             // x MINOR_FLAW on negatives after 唯一的缺点
        double summary = 1;                          // x SUMMARY after 总之
        List<int[]> negs = new ArrayList<>();     // [start, end] of pending negations
        List<Object[]> degs = new ArrayList<>();  // {end, multiplier, word}
        List<String> negWords = new ArrayList<>();
        int n = s.length();
        int wishAt = wishStart(s);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == ',' || c == '，' || c == ':' || c == '：' || c == '、' || isClauseSpace(s, i)) {
                negs.clear();
                negWords.clear();
                degs.clear();
                conditional = false;
                if (inConcessive) {           // 虽然A，B: A is the weak part, B the strong one
                    weighted += current * concessiveWeight;
                    current = 0;
                    inConcessive = false;
                    afterContrast = true;
                }
                i++;
                continue;
            }
            int len = longest(s, i);
            if (len == 0) {
                i++;
                continue;
            }
            if (cutsLatinWord(s, i, len)) {   // "sb" inside "usb"
                i++;
                continue;
            }
            String w = s.substring(i, i + len);
            Entry e = trie.valueAt(s, i, len);
            // prefer "negation + sentiment word" when it spans further than the direct match (不满意 = 不 + 满意)
            if (e.weight == null || !e.negation) {
                for (int nl = Math.min(len, 3); nl >= 1; nl--) {
                    Entry ne = trie.valueAt(s, i, nl);
                    if (ne != null && ne.negation && i + nl < n) {
                        int sl = longest(s, i + nl);
                        if (sl > 0 && trie.valueAt(s, i + nl, sl).weight != null
                                && nl + sl > len) {
                            len = nl;
                            w = s.substring(i, i + nl);
                            e = ne;
                            break;
                        }
                    }
                }
            }
            // a word that is both sentiment and degree (好) acts as degree before another sentiment word
            if (e.weight != null && e.degree != null && i + len < n) {
                int nl = longest(s, i + len);
                if (nl > 0 && trie.valueAt(s, i + len, nl).weight != null) {
                    degs.add(new Object[]{i + len, e.degree, w});
                    i += len;
                    continue;
                }
            }
            if (e.flaw && flaw == 1) {         // 唯一的缺点, 小遗憾 (which is itself negative and still counts, halved)
                flaw = MINOR_FLAW;
                explain(why, "minor flaw " + w + ": negatives from here x" + plain(MINOR_FLAW));
            }
            if (e.contrast) {
                if (!afterContrast || inConcessive) {
                    weighted += current * (inConcessive ? concessiveWeight : BEFORE_CONTRAST);
                    current = 0;
                    afterContrast = true;
                    inConcessive = false;
                    explain(why, "contrast " + w + ": before x" + plain(BEFORE_CONTRAST) + ", after x" + plain(AFTER_CONTRAST));
                }
                negs.clear();
                negWords.clear();
                degs.clear();
            } else if ((e.concessive || e.expectation) && !afterContrast && !inConcessive) {
                weighted += current * BEFORE_CONTRAST;
                current = 0;
                inConcessive = true;
                concessiveWeight = e.expectation ? EXPECTATION : BEFORE_CONTRAST;
                explain(why, (e.expectation ? "expectation " : "concessive ") + w + ": clause x" + plain(concessiveWeight));
            } else if (e.turn && inConcessive && concessiveWeight == EXPECTATION) {
                weighted += current * concessiveWeight;
                current = 0;
                inConcessive = false;
                afterContrast = true;
                explain(why, "turn " + w + ": after x" + plain(AFTER_CONTRAST));
            } else if (e.conditional) {
                conditional = true;
                negs.clear();
                negWords.clear();
                degs.clear();
                explain(why, "conditional " + w + ": clause x" + plain(CONDITIONAL));
            } else if (e.summary && summary == 1) {
                summary = SUMMARY;
                explain(why, "summary " + w + ": after x" + plain(SUMMARY));
            } else if (e.weight != null && e.weight != 0 && (wishAt < 0 || i < wishAt || e.weight < 0)) {
                double v = e.weight;
                StringBuilder ex = new StringBuilder(w).append('(').append(fmt(v)).append(')');
                int neg = 0;
                boolean soft = false;
                StringBuilder negBy = new StringBuilder();
                for (int k = 0; k < negs.size(); k++) {
                    if (i - negs.get(k)[1] <= WINDOW + degreeChars(degs, negs.get(k)[1])) {
                        neg++;
                        String nw = negWords.get(k);
                        negBy.append(nw);
                        soft |= isSoftNegation(nw) || degreeChars(degs, negs.get(k)[1]) > 0;
                    }
                }
                double mult = 1;
                StringBuilder degBy = new StringBuilder();
                for (Object[] d : degs) {
                    if (i - (int) d[0] <= WINDOW) {
                        mult *= (double) d[1];
                        degBy.append(d[2]);
                    }
                }
                mult = Math.max(MIN_DEGREE, Math.min(MAX_DEGREE, mult));
                if (mult != 1) {
                    v *= mult;
                    ex.append(" x").append(plain(mult)).append(" by ").append(degBy);
                }
                if (neg % 2 == 1 && v <= STRONG_NEGATIVE) {
                    neg = 0;   // curses and strong negative words are not turned around (做不了商人妈蛋)
                }
                if (neg % 2 == 1) {
                    v *= v > 0 ? (soft ? SOFT_NEG_FLIP_POSITIVE : NEG_FLIP_POSITIVE) : NEG_FLIP_NEGATIVE;
                    ex.append(soft && v < 0 ? " softly negated by " : " negated by ").append(negBy);
                } else if (neg > 0) {
                    v *= DOUBLE_NEGATION;
                    ex.append(" double negation ").append(negBy);
                }
                if (conditional) {
                    v *= CONDITIONAL;
                    ex.append(" conditional x").append(plain(CONDITIONAL));
                }
                if (v < 0 && flaw != 1) {
                    v *= flaw;
                    ex.append(" minor flaw x").append(plain(flaw));
                }
                if (summary != 1) {
                    v *= summary;
                    ex.append(" summary x").append(plain(summary));
                }
                boolean changed = neg > 0 || mult != 1 || conditional || summary != 1 || (v < 0 && flaw != 1);
                String prefix = neg > 0 || mult != 1 ? s.substring(Math.max(0, i - WINDOW - 2), i + len).strip() + ": " : "";
                explain(why, prefix + ex + (changed ? " → " + fmt(v) : ""));
                if (v < 0) {
                    v *= NEGATIVITY;
                }
                current += v;
                negs.clear();
                negWords.clear();
                degs.clear();
            } else if (e.negation) {
                negs.add(new int[]{i, i + len});
                negWords.add(w);
            } else if (e.degree != null) {
                degs.add(new Object[]{i + len, e.degree, w});
            }
            i += len;
        }
        double score = afterContrast ? weighted + current * AFTER_CONTRAST
                : inConcessive ? weighted + current * concessiveWeight : weighted + current;
        if (wishAt >= 0) {
            score += WISH;
            explain(why, "wish (…就好了) → " + fmt(WISH));
        }
        boolean question = s.indexOf('?') >= 0 || s.indexOf('？') >= 0;
        if (isRhetorical(s)) {
            if (score > 0) {
                score = -score * 0.5;
            }
            score += RHETORICAL_WEIGHT;
            explain(why, "rhetorical question → " + fmt(RHETORICAL_WEIGHT));
        } else if (question) {
            // 这样折磨我真的好吗? / 你以为我很愿意? : praise inside a yes-no question is usually ironic
            if (score > 0 && (s.contains("吗") || s.contains("么") || s.contains("以为") || s.contains("也能")
                    || s.contains("也配") || s.contains("也算") || s.contains("也叫"))) {
                explain(why, "praise in a question (irony) " + fmt(score) + " → " + fmt(-score * 0.5));
                score = -score * 0.5;
            }
            if (QUESTION_WORDS.matcher(s).find()) {
                score += QUESTION;
                explain(why, "why/how question → " + fmt(QUESTION));
            }
        }
        if (score != 0) {
            int bangs = 0;
            for (int k = n - 1; k >= 0 && (s.charAt(k) == '!' || s.charAt(k) == '！' || Character.isWhitespace(s.charAt(k))); k--) {
                if (!Character.isWhitespace(s.charAt(k))) {
                    bangs++;
                }
            }
            if (bangs == 0 && (s.indexOf('!') >= 0)) {
                bangs = 1;
            }
            if (bangs > 0) {
                double m = bangs >= 2 ? 1.5 : 1.3;
                score *= m;
                explain(why, "exclamation x" + plain(m));
            }
        }
        return score;
    }

    /**
     * Start of a wish ending (如果再便宜点就好了, 能加个包就更好啦), or -1: 就好了 after a conditional opener or a cue
     * for something missing (能, 再, 点, 应该 …) in the same sentence. Praise inside the ending does not count.
     */
    private int wishStart(String s) {
        // every wish ending starts with 就, 会, 那 or 才: most sentences have none, and need no regular expression
        if (s.indexOf('就') < 0 && s.indexOf('会') < 0 && s.indexOf('那') < 0 && s.indexOf('才') < 0) {
            return -1;
        }
        var m = WISH_END.matcher(s);
        if (!m.find()) {
            return -1;
        }
        String head = s.substring(0, m.start());
        for (String c : CONDITIONAL_WORDS) {
            if (head.contains(c)) {
                return m.start();
            }
        }
        return WISH_CUE.matcher(head).find() ? m.start() : -1;
    }

    /** 不太, 不怎么, 不够, 不大: negations that only say "not very". */
    private static boolean isSoftNegation(String w) {
        return w.equals("不太") || w.equals("不怎么") || w.equals("不够") || w.equals("不大") || w.equals("不算")
                || w.equals("不是很") || w.equals("不是太");
    }

    /** A space between two non-Latin characters separates clauses (reviews often use spaces for commas). */
    private static boolean isClauseSpace(String s, int i) {
        return s.charAt(i) == ' ' && i > 0 && i + 1 < s.length() && !isLatin(s.charAt(i - 1)) && !isLatin(s.charAt(i + 1));
    }

    /** True when a match starting or ending with a Latin letter or digit is part of a longer Latin word. */
    private static boolean cutsLatinWord(String s, int i, int len) {
        char first = s.charAt(i);
        char last = s.charAt(i + len - 1);
        boolean before = i > 0 && isLatin(first) && isLatin(s.charAt(i - 1));
        boolean after = i + len < s.length() && isLatin(last) && isLatin(s.charAt(i + len));
        return before || after;
    }

    private static boolean isLatin(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isRhetorical(String s) {
        if (s.contains("?!") || s.contains("!?")) {
            return true;   // 这是怎么办事的?!
        }
        int nandao = s.indexOf("难道");
        if (nandao >= 0 && (s.indexOf('吗', nandao) >= 0 || s.indexOf('么', nandao) >= 0 || s.indexOf('嘛', nandao) >= 0)) {
            return true;
        }
        return RHETORICAL.occursIn(s);
    }

    /** Characters taken by degree words after position {@code from} (so 不太满意 still counts as negated). */
    private static int degreeChars(List<Object[]> degs, int from) {
        int total = 0;
        for (Object[] d : degs) {
            if ((int) d[0] > from) {
                total += ((String) d[2]).length();
            }
        }
        return total;
    }

    /** Length of the longest dictionary entry starting at {@code i}, 0 when none. */
    private int longest(String s, int i) {
        return trie.longestAt(s, i);
    }

    private static void explain(List<String> why, String line) {
        if (why.size() < MAX_EXPLANATION) {
            why.add(line);
        }
    }

    /** Signed number with at most two decimals (+2, -1.8, +0.35); avoids String.format on the hot path. */
    static String fmt(double v) {
        return (v > 0.004 ? "+" : "") + plain(v);
    }

    /** Number with at most two decimals, sign only when negative. */
    static String plain(double v) {
        long r = Math.round(v * 100);
        String sign = r < 0 ? "-" : "";
        long a = Math.abs(r);
        long fp = a % 100;
        String out = sign + (a / 100);
        if (fp != 0) {
            out += "." + (fp % 10 == 0 ? String.valueOf(fp / 10) : (fp < 10 ? "0" + fp : String.valueOf(fp)));
        }
        return out;
    }
}
