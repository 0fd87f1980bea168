package org.minyi.nlp.learn;

/** Defaults of the learned layers, shared by the service configuration ({@link LearnConfig}) and the evaluation command. */
public final class LearnDefaults {

    /** Number of examples at which the model weighs half in the blend (before the cap). */
    public static final double HALF_WEIGHT_EXAMPLES = 100;
    /** Highest weight of the model in the blend. */
    public static final double MAX_MODEL_WEIGHT = 0.8;

    private LearnDefaults() {
    }

    public static Trainer.Params sentimentParams() {
        return Trainer.Params.defaults();
    }

    public static Trainer.Params categoryParams() {
        return new Trainer.Params(18, 10, 0.2, 1e-6, 42L, false, false);
    }
}
