package org.minyi.nlp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.minyi.common.ApiException;
import org.minyi.common.Validation;

/** Analysis of texts that are not stored: {@code POST /api/nlp/analyze}. */
@Path("/api/nlp")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@jakarta.annotation.security.RolesAllowed({org.minyi.security.Role.admin, org.minyi.security.Role.analyst})
public class NlpResource {

    /** Texts in one request at most. */
    public static final int MAX_BATCH = 1000;

    @Inject
    TextAnalyzer analyzer;

    @Inject
    NlpConfig config;

    @Inject
    org.minyi.cluster.AdmissionControl admission;

    /**
     * Body: an array of up to 1,000 {@code {id, text}}; the id (string or number) is echoed. Answer: one result
     * per text, in order. Empty texts are answered as neutral; a text over the limit refuses the request.
     */
    @POST
    @Path("/analyze")
    public List<Result> analyze(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw ApiException.badRequest("body", "must be an array of {id, text}");
        }
        if (body.size() > MAX_BATCH) {
            throw ApiException.badRequest("body", "has " + body.size() + " texts; at most " + MAX_BATCH + " in one request");
        }
        Validation v = new Validation();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode item = body.get(i);
            Validation iv = v.nested("[" + i + "].");
            if (item == null || !item.isObject()) {
                iv.reject("item", "must be an object {id, text}");
                texts.add(null);
                continue;
            }
            JsonNode text = item.get("text");
            if (text == null || text.isNull()) {
                iv.reject("text", "is required");
            } else if (!text.isTextual()) {
                iv.reject("text", "must be a string");
            } else if (text.asText().length() > config.maxTextLength()) {
                iv.reject("text", "is longer than " + config.maxTextLength() + " characters");
            }
            JsonNode id = item.get("id");
            if (id != null && !id.isNull() && !id.isValueNode()) {
                iv.reject("id", "must be a string or a number");
            }
            texts.add(text == null ? null : text.asText());
        }
        v.throwIfInvalid();
        return admission.analysis().call(() -> {
            List<Result> results = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                JsonNode id = body.get(i).get("id");
                Analysis a = analyzer.analyze(null, texts.get(i));
                results.add(new Result(id == null || id.isNull() ? null : id, a.sentiment(), a.keywords(), a.places(),
                        a.categories().isEmpty() ? "其他" : a.categories().get(0), a.categories(), a.summary()));
            }
            return results;
        });
    }

    /** The analysis of one text; {@code category} is the first of {@code categories}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(JsonNode id, Sentiment sentiment, List<String> keywords, List<PlaceMention> places,
                         String category, List<String> categories, String summary) {
    }
}
