package org.minyi.nlp.learn;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.minyi.common.JsonText;

/** A model version as the API shows it (without the weights). */
public record ModelView(long id, String task, int version, String status, String phase, int progress,
                        int exampleCount, List<String> classes, JsonNode quality, String message, String sha256,
                        Long modelChars, String trigger, String createdBy, Instant createdAt, Instant finishedAt,
                        Instant activatedAt) {

    static ModelView of(ModelVersion m) {
        return new ModelView(m.id, m.task.name(), m.version, m.status.name(), m.phase, m.progress, m.exampleCount,
                JsonText.read(m.classes, new TypeReference<List<String>>() { }, List.of()),
                JsonText.read(m.quality, JsonNode.class, null), m.message, m.sha256, m.modelChars, m.trigger.name(),
                m.createdBy, m.createdAt, m.finishedAt, m.activatedAt);
    }
}
