package org.minyi.nlp.learn;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.minyi.common.ApiException;
import org.minyi.nlp.Sentiment;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.nlp.learn.LabelledExample.Origin;
import org.minyi.nlp.learn.LabelledExample.Task;

/**
 * Labelled examples: import of {@code label<TAB>text} files, examples made from corrections, and counts.
 *
 * <p>Import policy: the body is refused as a whole (400, nothing stored) when it is larger than
 * {@code minyi.learn.max-import-bytes} or has more than {@code minyi.learn.max-import-lines} lines, or when
 * {@code strict=true} and any line is malformed. Otherwise malformed lines (no tab, empty or unknown label, empty or
 * too long text) are skipped and reported with their line number, and every other line is stored.
 */
@ApplicationScoped
public class ExampleService {

    public static final Set<String> SENTIMENT_LABELS = Set.of(Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.POSITIVE);
    /** Skipped lines listed in one answer at most (the count is always complete). */
    static final int MAX_REPORTED = 1000;
    static final int MAX_TEXT = 100_000;

    @Inject
    EntityManager em;

    @Inject
    LearnConfig config;

    @Inject
    TextAnalyzer analyzer;

    @Inject
    Clock clock;

    /** What an import did. */
    public record ImportReport(String task, int imported, int skippedCount, List<LabelledFile.Skipped> skipped) {
    }

    /** Labels accepted for a task: the three sentiment labels, or the taxonomy's categories. */
    public Set<String> labels(Task task) {
        return task == Task.SENTIMENT ? SENTIMENT_LABELS : new TreeSet<>(analyzer.resources().categories().keySet());
    }

    /** Parses a labelled body after the size checks shared by import and evaluation. */
    public LabelledFile.Parsed parse(String body, Set<String> labels, int maxLines) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("body", "is empty; expected label<TAB>text lines");
        }
        long bytes = body.length() > config.maxImportBytes() / 3 ? body.getBytes(StandardCharsets.UTF_8).length : body.length();
        if (bytes > config.maxImportBytes()) {
            throw ApiException.badRequest("body", "has " + bytes + " bytes; at most " + config.maxImportBytes() + " are accepted");
        }
        LabelledFile.Parsed parsed = LabelledFile.parse(body, labels, MAX_TEXT);
        int lines = parsed.rows().size() + parsed.skipped().size();
        if (lines > maxLines) {
            throw ApiException.badRequest("body", "has " + lines + " lines; at most " + maxLines + " are accepted in one request");
        }
        return parsed;
    }

    @Transactional
    public ImportReport importExamples(Task task, String body, boolean strict, String who) {
        LabelledFile.Parsed parsed = parse(body, labels(task), config.maxImportLines());
        if (strict && !parsed.skipped().isEmpty()) {
            List<ApiException.FieldError> errors = new ArrayList<>();
            for (LabelledFile.Skipped s : parsed.skipped()) {
                if (errors.size() < MAX_REPORTED) {
                    errors.add(new ApiException.FieldError("body[line " + s.line() + "]", s.reason()));
                }
            }
            throw ApiException.badRequest(errors);
        }
        Instant now = Instant.now(clock);
        int i = 0;
        for (LabelledFile.Row r : parsed.rows()) {
            LabelledExample e = new LabelledExample();
            e.task = task;
            e.label = r.label();
            e.text = r.text();
            e.origin = Origin.IMPORT;
            e.createdBy = who;
            e.createdAt = now;
            em.persist(e);
            if (++i % 500 == 0) {
                em.flush();
                em.clear();
            }
        }
        List<LabelledFile.Skipped> reported = parsed.skipped().size() > MAX_REPORTED
                ? parsed.skipped().subList(0, MAX_REPORTED) : parsed.skipped();
        return new ImportReport(task.name(), parsed.rows().size(), parsed.skipped().size(), reported);
    }

    /**
     * Replaces the correction examples of a post for a task by one example per label (joins the caller's
     * transaction).
     */
    @Transactional
    public void storeCorrection(Task task, long postId, String text, List<String> labels, String note, String who) {
        em.createQuery("delete from LabelledExample e where e.postId = :p and e.task = :t and e.origin = :o")
                .setParameter("p", postId).setParameter("t", task).setParameter("o", Origin.CORRECTION).executeUpdate();
        Instant now = Instant.now(clock);
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        for (String label : labels) {
            LabelledExample e = new LabelledExample();
            e.task = task;
            e.label = label;
            e.text = t;
            e.origin = Origin.CORRECTION;
            e.postId = postId;
            e.note = note;
            e.createdBy = who;
            e.createdAt = now;
            em.persist(e);
        }
    }

    /** One count of the summary. */
    public record Count(String task, String label, String origin, long count) {
    }

    /** Counts by task, label and origin, with totals per task. */
    @Transactional
    public Map<String, Object> counts() {
        List<Count> counts = new ArrayList<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Task t : Task.values()) {
            totals.put(t.name(), 0L);
        }
        for (Object[] r : em.createQuery("select e.task, e.label, e.origin, count(e) from LabelledExample e "
                + "group by e.task, e.label, e.origin order by e.task, e.label, e.origin", Object[].class).getResultList()) {
            Count c = new Count(((Task) r[0]).name(), (String) r[1], ((Origin) r[2]).name(), (Long) r[3]);
            counts.add(c);
            totals.merge(c.task(), c.count(), Long::sum);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("totals", totals);
        out.put("counts", counts);
        return out;
    }
}
