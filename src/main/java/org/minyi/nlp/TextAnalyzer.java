package org.minyi.nlp;

import com.hankcs.hanlp.HanLP;
import com.hankcs.hanlp.seg.Segment;
import com.hankcs.hanlp.seg.common.Term;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.minyi.nlp.learn.LearnedModels;
import org.minyi.nlp.learn.PreparedText;

/**
 * Facade of the Chinese text analysis: normalisation, segmentation (HanLP Viterbi with the
 * project's custom words), sentiment, keywords, summary, places, categories, content words and
 * SimHash. Thread-safe: components are immutable, a segmenter is kept per thread, and
 * {@link #reload(NlpResources)} swaps all dictionaries atomically. Never throws on odd input.
 */
public class TextAnalyzer {

    /** Keywords returned per text. */
    public static final int KEYWORDS = 10;

    /** Everything built from one set of dictionaries. */
    private record Components(NlpResources resources, SentimentScorer scorer, PlaceRecognizer places,
                              CategoryClassifier classifier) {
    }

    private static final ThreadLocal<Segment> SEGMENT = ThreadLocal.withInitial(
            () -> HanLP.newSegment().enableOffset(true).enableCustomDictionary(true));

    private static final java.util.regex.Pattern TITLE_END = java.util.regex.Pattern.compile(".*[。!！?？.…]$");

    private final AtomicReference<Components> components = new AtomicReference<>();
    private final AtomicReference<LearnedModels> learned = new AtomicReference<>(LearnedModels.NONE);
    private final TextNormalizer normalizer = new TextNormalizer();
    private final KeywordExtractor keywordExtractor = new KeywordExtractor();
    private final int maxTextLength;

    /** For CDI client proxies only. */
    protected TextAnalyzer() {
        this(NlpResources.empty(), 100_000);
    }

    public TextAnalyzer(NlpResources resources, int maxTextLength) {
        this.maxTextLength = maxTextLength > 0 ? maxTextLength : 100_000;
        reload(resources);
    }

    /** Switches to new dictionaries (HanLP custom words are handled by {@link CustomWords}). */
    public void reload(NlpResources resources) {
        components.set(new Components(resources, new SentimentScorer(resources), new PlaceRecognizer(resources),
                new CategoryClassifier(resources)));
    }

    /** Switches the learned layers (sentiment and categories); {@link LearnedModels#NONE} for the dictionaries alone. */
    public void useModels(LearnedModels models) {
        learned.set(models == null ? LearnedModels.NONE : models);
    }

    /** The learned layers in use. */
    public LearnedModels models() {
        return learned.get();
    }

    /** What the learned models read of a text (normalised text, words, lexicon answer, keyword category scores). */
    public PreparedText prepare(String text) {
        Components comp = components.get();
        String raw = text == null ? "" : text;
        if (raw.length() > maxTextLength) {
            raw = raw.substring(0, maxTextLength);
        }
        NormalizedText norm = normalizer.normalize(raw);
        return prepare(comp, norm, comp.scorer().score(norm), segment(norm.text()), true);
    }

    private static PreparedText prepare(Components comp, NormalizedText norm, Sentiment lexicon, List<Term> terms,
                                        boolean categories) {
        List<String> all = new ArrayList<>(terms.size());
        for (Term t : terms) {
            if (!t.word.isBlank()) {
                all.add(t.word);
            }
        }
        return new PreparedText(norm, all, lexicon, categories ? comp.classifier().scores(norm.text()) : Map.of());
    }

    /** Analyses a post with a title; the title is treated as the first sentence. */
    public Analysis analyze(String title, String content) {
        return analyze(join(title, content));
    }

    /** The one text analysed for a post: the title as its first sentence, then the content. */
    public static String join(String title, String content) {
        String t = title == null ? "" : title.strip();
        String c = content == null ? "" : content;
        if (t.isEmpty()) {
            return c;
        }
        if (c.isBlank()) {
            return t;
        }
        boolean ends = TITLE_END.matcher(t).matches();
        return t + (ends ? " " : "。") + c;
    }

    /** Analyses one text. */
    public Analysis analyze(String text) {
        Components comp = components.get();
        String raw = text == null ? "" : text;
        if (raw.length() > maxTextLength) {
            raw = raw.substring(0, maxTextLength);
        }
        NormalizedText norm = normalizer.normalize(raw);
        String clean = norm.text();
        Sentiment sentiment = comp.scorer().score(norm);
        List<Term> terms = segment(clean);
        LearnedModels models = learned.get();
        PreparedText prepared = null;
        if (models.sentiment() != null || models.categories() != null) {
            prepared = prepare(comp, norm, sentiment, terms, models.categories() != null);
            if (models.sentiment() != null) {
                sentiment = models.sentiment().predict(prepared);
            }
        }
        Set<String> stop = comp.resources().stopwords();

        List<String> sentences = new ArrayList<>();
        List<List<String>> sentenceWords = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int start = 0;
        List<String> current = new ArrayList<>();
        int termIdx = 0;
        for (int i = 0; i <= clean.length(); i++) {
            boolean end = i == clean.length() || isSentenceEnd(clean.charAt(i));
            if (!end) {
                continue;
            }
            int stop2 = Math.min(clean.length(), i + 1);
            while (termIdx < terms.size() && terms.get(termIdx).offset < stop2) {
                Term term = terms.get(termIdx++);
                if (isContentWord(term, stop)) {
                    String w = term.word.toLowerCase(Locale.ROOT);
                    current.add(w);
                    words.add(w);
                }
            }
            String s = clean.substring(start, stop2).strip();
            if (!s.isEmpty()) {
                sentences.add(s);
                sentenceWords.add(current);
            }
            current = new ArrayList<>();
            start = stop2;
        }
        Map<String, Double> ranks = keywordExtractor.rank(words);
        List<String> keywords = new ArrayList<>();
        for (String k : ranks.keySet()) {
            if (keywords.size() >= KEYWORDS) {
                break;
            }
            keywords.add(k);
        }
        String summary = keywordExtractor.summary(sentences, sentenceWords, ranks);
        List<PlaceMention> places = comp.places().recognize(clean, terms);
        List<String> categories = prepared != null && models.categories() != null
                ? models.categories().classify(prepared) : comp.classifier().classify(clean);
        return new Analysis(sentiment, keywords, places, categories, summary, words, SimHash.of(words));
    }

    /** Sentiment only (cheaper than {@link #analyze(String)}). */
    public Sentiment sentiment(String text) {
        String raw = text == null ? "" : text;
        if (raw.length() > maxTextLength) {
            raw = raw.substring(0, maxTextLength);
        }
        LearnedModels models = learned.get();
        if (models.sentiment() != null) {
            return models.sentiment().predict(prepare(raw));
        }
        return components.get().scorer().score(normalizer.normalize(raw));
    }

    /** Sensitive phrases (from {@code sensitive.txt}) occurring in the normalised text, for alerts. */
    public List<String> sensitivePhrases(String text) {
        String clean = normalizer.normalize(text == null ? "" : text).text();
        List<String> out = new ArrayList<>();
        for (String p : components.get().resources().sensitive()) {
            if (clean.contains(p) && !out.contains(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The normaliser used by this analyser. */
    public TextNormalizer normalizer() {
        return normalizer;
    }

    /** The dictionaries currently in use. */
    public NlpResources resources() {
        return components.get().resources();
    }

    static List<Term> segment(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        try {
            return SEGMENT.get().seg(text);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static boolean isSentenceEnd(char c) {
        return c == '。' || c == '!' || c == '?' || c == ';' || c == '…' || c == '\n';
    }

    /** Nouns, verbs, adjectives, idioms and proper names of two or more characters, not stop words. */
    static boolean isContentWord(Term t, Set<String> stopwords) {
        if (t.nature == null || t.word.isBlank() || stopwords.contains(t.word)) {
            return false;
        }
        String n = t.nature.toString();
        char c = n.isEmpty() ? 'x' : n.charAt(0);
        boolean contentNature = c == 'n' || c == 'v' || c == 'a' || c == 'i' || c == 'l' || c == 'j'
                || n.equals("gi") || n.equals("gm");
        if (!contentNature || n.equals("vshi") || n.equals("vyou") || n.equals("vf") || n.equals("nx") && t.word.length() < 2) {
            return false;
        }
        if (t.word.length() < 2) {
            return c == 'n' && Character.UnicodeScript.of(t.word.codePointAt(0)) == Character.UnicodeScript.HAN
                    && !n.equals("nr");
        }
        for (int i = 0; i < t.word.length(); i++) {
            if (Character.isLetter(t.word.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
