package org.minyi.topic.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.minyi.topic.service.TopicIndex;

/**
 * Scale benchmark of incremental clustering: 100,000 generated posts (a new story every ~25 posts, bursts of
 * activity, story words plus common words plus noise, 2 s apart, from 50 sites) go through the production assignment decision
 * ({@link TopicIndex#decide} then {@link TopicIndex#add}, default parameters, idle topics evicted every 10,000
 * posts as the periodic job does). Prints posts per second for each 10,000 and the ratio of the last 10,000 to the
 * first: it stays near 1 when candidate retrieval is bounded. In-process, without HTTP or database: the database
 * side of an assignment touches rows by primary key only, so it does not grow with the number of topics.
 * The table is also written to {@code target/topic-scale-benchmark.txt}.
 *
 * <pre>  ./mvnw -q compile exec:java -Dexec.mainClass=org.minyi.topic.eval.TopicScaleBenchmark [-Dexec.args="100000"]</pre>
 */
public final class TopicScaleBenchmark {

    /** Sites the generated posts come from (stories spread over all of them). */
    private static final int SOURCES = 50;

    public static void main(String[] args) throws IOException {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int block = 10_000;
        Random random = new Random(20261101L);
        List<String> common = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            common.add("常" + i);
        }
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        List<String[]> active = new ArrayList<>();
        int stories = 0;
        long nextTopic = 1;
        StringBuilder table = new StringBuilder("block\tposts\tposts_per_s\ttopics_in_index\n");
        double first = 0;
        double last = 0;
        // warm-up of the JIT on a separate index, so the first block is not penalised
        warmUp(common);
        long t0 = System.nanoTime();
        for (int i = 0; i < total; i++) {
            if (active.isEmpty() || random.nextInt(25) == 0) {
                String[] story = new String[8];
                for (int w = 0; w < story.length; w++) {
                    story[w] = "词" + stories + "_" + w;
                }
                stories++;
                active.add(story);
                if (active.size() > 30) {
                    active.remove(0);
                }
            }
            // recent stories are more active
            int pick = active.size() - 1 - Math.min(active.size() - 1, (int) Math.abs(random.nextGaussian() * 6));
            String[] story = active.get(pick);
            Map<String, Integer> terms = new LinkedHashMap<>();
            int n = 2 + random.nextInt(6);
            for (int w = 0; w < n; w++) {
                terms.merge(story[random.nextInt(story.length)], 1, Integer::sum);
            }
            terms.merge(common.get(random.nextInt(common.size())), 1, Integer::sum);
            terms.merge(common.get(random.nextInt(40)), 1, Integer::sum);
            terms.merge("噪" + random.nextInt(1_000_000), 1, Integer::sum);
            TopicIndex.Features f = new TopicIndex.Features(terms, start.plus(Duration.ofSeconds(2L * i)), false,
                    random.nextInt(SOURCES));
            TopicIndex.Decision d = index.decide(f);
            long topic = d.topicId() != null ? d.topicId() : nextTopic++;
            index.add(topic, f);
            if ((i + 1) % block == 0) {
                index.evictIdle();
                double secs = (System.nanoTime() - t0) / 1e9;
                double rate = block / secs;
                if (i + 1 == block) {
                    first = rate;
                }
                last = rate;
                table.append(String.format(Locale.ROOT, "%d\t%d\t%.0f\t%d%n", (i + 1) / block, i + 1, rate, index.size()));
                t0 = System.nanoTime();
            }
        }
        table.append(String.format(Locale.ROOT, "first_10k_per_s=%.0f last_10k_per_s=%.0f ratio=%.2f topics_created=%d%n",
                first, last, last / first, nextTopic - 1));
        System.out.print(table);
        Path out = Path.of("target", "topic-scale-benchmark.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table.toString(), StandardCharsets.UTF_8);
    }

    private static void warmUp(List<String> common) {
        TopicIndex index = new TopicIndex(TopicIndex.Params.defaults());
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 5_000; i++) {
            Map<String, Integer> terms = Map.of("暖" + (i / 20), 1, common.get(i % common.size()), 1, "暖噪" + i, 1);
            TopicIndex.Features f = new TopicIndex.Features(terms, start.plusSeconds(2L * i), false, i % SOURCES);
            TopicIndex.Decision d = index.decide(f);
            index.add(d.topicId() != null ? d.topicId() : i, f);
        }
    }
}
