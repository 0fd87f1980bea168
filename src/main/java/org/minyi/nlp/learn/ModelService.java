package org.minyi.nlp.learn;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.minyi.common.ApiException;
import org.minyi.common.JsonText;
import org.minyi.nlp.CategoryClassifier;
import org.minyi.nlp.TextAnalyzer;
import org.minyi.nlp.learn.LabelledExample.Task;
import org.minyi.nlp.learn.ModelVersion.Status;

/**
 * Training, storage and activation of the learned models. Training runs in one background thread (one job at a
 * time per task; asking again while a job runs returns that job), reports its phase and percent in the
 * {@code model_version} row, and stores the model in {@code model_chunk} rows. The ACTIVE version of each task is
 * loaded into the {@link TextAnalyzer} at start-up and whenever activation changes.
 */
@ApplicationScoped
public class ModelService {

    private static final Logger LOG = Logger.getLogger(ModelService.class);

    @Inject
    EntityManager em;

    @Inject
    TextAnalyzer analyzer;

    @Inject
    LearnConfig config;

    @Inject
    Clock clock;

    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "minyi-training");
        t.setDaemon(true);
        return t;
    });
    private final Map<Task, Long> running = new ConcurrentHashMap<>();
    /** Loaded models by version id, for the versions in use. */
    private final Map<Long, LinearModel> loaded = new ConcurrentHashMap<>();

    /**
     * Models left TRAINING by an instance that is no longer alive (or by one before V11 recorded instances) are marked
     * FAILED; one another live instance is training is left alone. Runs after {@code Cluster} registered this instance
     * and reaped the dead ones (priority 10).
     */
    void onStart(@Observes @Priority(50) StartupEvent event) {
        QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                        "update ModelVersion m set m.status = :failed, m.message = :msg where m.status = :training and"
                                + " (m.instanceId is null or m.instanceId not in (select i.id from ClusterInstance i where i.stoppedAt is null))")
                .setParameter("failed", Status.FAILED).setParameter("training", Status.TRAINING)
                .setParameter("msg", "interrupted: the service stopped while training").executeUpdate());
        try {
            install();
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not load the active models; answering with the dictionaries alone");
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** The models an instance was training when it stopped or was found dead are marked FAILED. */
    void onInstanceStopped(@Observes org.minyi.cluster.InstanceStopped event) {
        int n = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "update ModelVersion m set m.status = :failed, m.message = :msg where m.status = :training and m.instanceId = :i")
                .setParameter("failed", Status.FAILED).setParameter("training", Status.TRAINING).setParameter("i", event.instanceId())
                .setParameter("msg", "interrupted: the instance training it stopped").executeUpdate());
        if (n > 0) {
            LOG.infof("%d model(s) being trained by instance %s marked FAILED (interrupted)", n, event.instanceId());
        }
    }

    /** All versions, newest first. */
    public List<ModelView> list(Task task) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            String q = "from ModelVersion m" + (task == null ? "" : " where m.task = :t") + " order by m.id desc";
            var query = em.createQuery(q, ModelVersion.class);
            if (task != null) {
                query.setParameter("t", task);
            }
            return query.setMaxResults(200).getResultList().stream().map(ModelView::of).toList();
        });
    }

    public ModelView get(long id) {
        return QuarkusTransaction.joiningExisting().call(() -> ModelView.of(find(id)));
    }

    private ModelVersion find(long id) {
        ModelVersion m = em.find(ModelVersion.class, id);
        if (m == null) {
            throw ApiException.notFound("model", id);
        }
        return m;
    }

    /**
     * Starts training a new version of {@code task} in the background, or returns the job already running.
     * Refused (409) when the task has fewer than {@code minyi.learn.min-examples} examples.
     */
    public synchronized ModelView train(Task task, ModelVersion.Trigger trigger, String who) {
        Long current = running.get(task);
        if (current != null) {
            return get(current);
        }
        ModelVersion m = QuarkusTransaction.requiringNew().call(() -> {
            long n = em.createQuery("select count(e) from LabelledExample e where e.task = :t", Long.class)
                    .setParameter("t", task).getSingleResult();
            if (n < config.minExamples()) {
                throw ApiException.conflict(task + " has " + n + " labelled examples; training needs at least "
                        + config.minExamples() + " (minyi.learn.min-examples)");
            }
            Integer last = em.createQuery("select max(m.version) from ModelVersion m where m.task = :t", Integer.class)
                    .setParameter("t", task).getSingleResult();
            ModelVersion v = new ModelVersion();
            v.task = task;
            v.version = last == null ? 1 : last + 1;
            v.status = Status.TRAINING;
            v.instanceId = cluster.instanceId();
            v.phase = "queued";
            v.trigger = trigger;
            v.createdBy = who;
            v.createdAt = Instant.now(clock);
            v.persist();
            return v;
        });
        running.put(task, m.id);
        long id = m.id;
        executor.submit(() -> run(id, task));
        return get(id);
    }

    /** True while a job of {@code task} runs. */
    public boolean isTraining(Task task) {
        return running.containsKey(task);
    }

    private void run(long id, Task task) {
        int[] lastPct = {-100};
        String[] lastPhase = {""};
        try {
            Loaded data = QuarkusTransaction.requiringNew().call(() -> loadExamples(task));
            ModelTraining.Progress progress = (phase, pct) -> {
                if (pct - lastPct[0] >= 5 || !phase.equals(lastPhase[0])) {
                    lastPct[0] = pct;
                    lastPhase[0] = phase;
                    QuarkusTransaction.requiringNew().run(() -> em.createQuery(
                                    "update ModelVersion m set m.phase = :p, m.progress = :n where m.id = :id")
                            .setParameter("p", phase).setParameter("n", Math.min(99, pct)).setParameter("id", id)
                            .executeUpdate());
                }
            };
            ModelTraining.Result result = task == Task.SENTIMENT
                    ? ModelTraining.trainSentiment(analyzer, data.samples, LearnDefaults.sentimentParams(), progress)
                    : ModelTraining.trainCategories(analyzer, data.samples, LearnDefaults.categoryParams(), progress);
            String text = result.model().serialize();
            String sha = sha256(text);
            QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0, seq = 0; i < text.length(); i += ModelChunk.SIZE, seq++) {
                    ModelChunk c = new ModelChunk();
                    c.modelId = id;
                    c.seq = seq;
                    c.data = text.substring(i, Math.min(text.length(), i + ModelChunk.SIZE));
                    c.persist();
                }
                ModelVersion m = find(id);
                m.moveTo(Status.READY);
                m.phase = "done";
                m.progress = 100;
                m.exampleCount = result.examples();
                m.lastExampleId = data.lastId;
                m.classes = JsonText.write(result.model().classes());
                m.quality = JsonText.write(result.quality());
                m.sha256 = sha;
                m.modelChars = (long) text.length();
                m.finishedAt = Instant.now(clock);
            });
            loaded.put(id, result.model());
            LOG.infof("Trained %s model %d on %d examples: %s", task, id, result.examples(), result.quality());
            if (config.autoActivate()) {
                activate(id);
            }
        } catch (RuntimeException | Error e) {
            LOG.errorf(e, "Training of %s model %d failed", task, id);
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    ModelVersion m = find(id);
                    if (m.status == Status.TRAINING) {
                        m.moveTo(Status.FAILED);
                    }
                    m.message = msg.length() > 2000 ? msg.substring(0, 2000) : msg;
                    m.finishedAt = Instant.now(clock);
                });
            } catch (RuntimeException e2) {
                LOG.errorf(e2, "Could not record the failure of model %d", id);
            }
        } finally {
            running.remove(task);
        }
    }

    private record Loaded(List<ModelTraining.Sample> samples, Long lastId) {
    }

    private Loaded loadExamples(Task task) {
        List<Object[]> rows = em.createQuery("select e.id, e.label, e.text, e.origin, e.postId from LabelledExample e "
                        + "where e.task = :t order by e.id", Object[].class)
                .setParameter("t", task).getResultList();
        Long lastId = null;
        List<ModelTraining.Sample> samples = new ArrayList<>();
        if (task == Task.SENTIMENT) {
            for (Object[] r : rows) {
                lastId = (Long) r[0];
                samples.add(new ModelTraining.Sample(List.of((String) r[1]), (String) r[2], weight(r[3])));
            }
        } else {
            // one sample per post (corrections) or per text (imports), with all its categories
            Map<String, List<String>> labels = new LinkedHashMap<>();
            Map<String, Object[]> first = new LinkedHashMap<>();
            for (Object[] r : rows) {
                lastId = (Long) r[0];
                String key = r[4] != null ? "p" + r[4] : "t" + r[2];
                labels.computeIfAbsent(key, k -> new ArrayList<>()).add((String) r[1]);
                first.putIfAbsent(key, r);
            }
            labels.forEach((k, ls) -> samples.add(new ModelTraining.Sample(ls, (String) first.get(k)[2], weight(first.get(k)[3]))));
        }
        return new Loaded(samples, lastId);
    }

    private float weight(Object origin) {
        return origin == LabelledExample.Origin.CORRECTION ? config.correctionWeight() : 1f;
    }

    /** Makes {@code id} the active version of its task (the previous one is retired); also restores an old one. */
    public ModelView activate(long id) {
        ModelView view = QuarkusTransaction.requiringNew().call(() -> {
            ModelVersion m = find(id);
            if (m.status == Status.ACTIVE) {
                return ModelView.of(m);
            }
            if (m.status != Status.READY && m.status != Status.RETIRED) {
                m.moveTo(Status.ACTIVE);   // refused with the reason
            }
            for (ModelVersion other : em.createQuery("from ModelVersion m where m.task = :t and m.status = :s",
                    ModelVersion.class).setParameter("t", m.task).setParameter("s", Status.ACTIVE).getResultList()) {
                other.moveTo(Status.RETIRED);
            }
            m.moveTo(Status.ACTIVE);
            m.activatedAt = Instant.now(clock);
            return ModelView.of(m);
        });
        install();
        return view;
    }

    /** Retires the active version {@code id}: its task is answered by the dictionaries alone until another is activated. */
    public ModelView retire(long id) {
        ModelView view = QuarkusTransaction.requiringNew().call(() -> {
            ModelVersion m = find(id);
            m.moveTo(Status.RETIRED);
            return ModelView.of(m);
        });
        install();
        return view;
    }

    /** Loads the ACTIVE version of each task into the analyser. */
    public synchronized void install() {
        List<ModelVersion> active = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from ModelVersion m where m.status = :s", ModelVersion.class).setParameter("s", Status.ACTIVE).getResultList());
        SentimentModel sentiment = null;
        CategoryModel categories = null;
        Map<Long, LinearModel> keep = new ConcurrentHashMap<>();
        for (ModelVersion m : active) {
            LinearModel model = loaded.containsKey(m.id) ? loaded.get(m.id) : read(m);
            keep.put(m.id, model);
            if (m.task == Task.SENTIMENT) {
                sentiment = new SentimentModel(model, "model v" + m.version, m.exampleCount, config.halfWeightExamples(),
                        config.maxModelWeight());
            } else {
                categories = new CategoryModel(model, m.exampleCount, config.halfWeightExamples(), config.maxModelWeight(),
                        CategoryClassifier.DEFAULT_THRESHOLD);
            }
        }
        loaded.clear();
        loaded.putAll(keep);
        analyzer.useModels(new LearnedModels(sentiment, categories));
    }

    private LinearModel read(ModelVersion m) {
        String text = QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder sb = new StringBuilder();
            em.createQuery("select c.data from ModelChunk c where c.modelId = :id order by c.seq", String.class)
                    .setParameter("id", m.id).getResultList().forEach(sb::append);
            return sb.toString();
        });
        if (!sha256(text).equals(m.sha256)) {
            throw new IllegalStateException("model " + m.id + " is damaged: its SHA-256 does not match");
        }
        return LinearModel.deserialize(text);
    }

    /** Retrains each task that has examples newer than its latest model. */
    @Scheduled(identity = "minyi-retrain", cron = "{minyi.learn.retrain-cron}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRetrain() {
        leases.runExclusively("learn-retrain", this::retrainWhereNew);
    }

    @Inject
    org.minyi.cluster.Leases leases;

    @Inject
    org.minyi.cluster.Cluster cluster;

    private void retrainWhereNew() {
        for (Task task : Task.values()) {
            try {
                if (hasNewExamples(task)) {
                    train(task, ModelVersion.Trigger.SCHEDULE, "scheduler");
                }
            } catch (ApiException e) {
                LOG.infof("Scheduled retraining of %s skipped: %s", task, e.getMessage());
            }
        }
    }

    /** True when examples newer than the latest successful model (or any, without a model) exist. */
    public boolean hasNewExamples(Task task) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long maxExample = em.createQuery("select max(e.id) from LabelledExample e where e.task = :t", Long.class)
                    .setParameter("t", task).getSingleResult();
            Long maxUsed = em.createQuery("select max(m.lastExampleId) from ModelVersion m where m.task = :t and m.status <> :f",
                    Long.class).setParameter("t", task).setParameter("f", Status.FAILED).getSingleResult();
            return maxExample != null && (maxUsed == null || maxExample > maxUsed);
        });
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
