package org.minyi.nlp.learn;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the learned layers ({@code minyi.learn.*}). */
@ConfigMapping(prefix = "minyi.learn")
public interface LearnConfig {

    /**
     * Cron expression (Quartz syntax, seconds first) of the scheduled retraining; each task is retrained only when
     * examples newer than its latest model exist. {@code off} disables the schedule.
     */
    @WithDefault("0 30 2 * * ?")
    String retrainCron();

    /** Fewest examples of a task with which training starts (fewer: the request is refused with 409). */
    @WithDefault("20")
    int minExamples();

    /** Number of examples at which the model weighs half against the dictionaries in the blend (before the cap). */
    @WithDefault("100")
    double halfWeightExamples();

    /** Highest weight of the learned model in the blend with the dictionaries (0–1). */
    @WithDefault("0.8")
    double maxModelWeight();

    /** Training weight of an analyst correction relative to an imported example. */
    @WithDefault("3.0")
    float correctionWeight();

    /** A newly trained model becomes active at once (the previous one is retired and can be restored). */
    @WithDefault("true")
    boolean autoActivate();

    /** Largest import or evaluation body in bytes (the HTTP body limit, {@code quarkus.http.limits.max-body-size}, is 20 MB too). */
    @WithDefault("20971520")
    int maxImportBytes();

    /** Most lines in one import. */
    @WithDefault("200000")
    int maxImportLines();

    /** Most lines in one evaluation request. */
    @WithDefault("20000")
    int maxEvaluateLines();
}
