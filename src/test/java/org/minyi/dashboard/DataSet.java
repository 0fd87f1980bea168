package org.minyi.dashboard;

import static org.minyi.Api.asAdmin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A generated, realistic set of posts: places of the demo district, the taxonomy's subjects, mixed sentiment. */
public final class DataSet {

    static final String[] PLACES = {"湖滨社区", "澄心社区", "观澜社区", "潮音社区", "云锦社区", "鹭鸣社区", "青屿村", "", ""};
    static final String[] SUBJECTS = {
        "化工厂排放废气，空气刺鼻，河道污染严重",
        "拆迁补偿标准不公开，征地款迟迟不到位",
        "夜里有人盗窃电动车，治安很差",
        "小区消防通道被占用，存在安全隐患",
        "菜市场卖过期食品，食品安全没人管",
        "工地拖欠农民工工资，劳动争议没人处理",
        "违建占道，城管执法不作为",
        "早高峰交通拥堵，红绿灯时间不合理",
        "学校食堂和教育收费问题",
        "社区医院排队太久，看病难",
        "感谢社区工作人员热心帮助，点赞",
    };
    static final String[] MOODS = {"非常不满意，强烈投诉！", "希望有关部门尽快处理。", "服务很好，表示感谢。", ""};

    private DataSet() {
    }

    /** Sends {@code n} posts published between {@code start} and {@code start + hours}; returns their ids. */
    public static List<Long> ingest(String source, Instant start, int hours, int n, long seed) {
        Random random = new Random(seed);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String place = PLACES[random.nextInt(PLACES.length)];
            String subject = SUBJECTS[random.nextInt(SUBJECTS.length)];
            String mood = MOODS[random.nextInt(MOODS.length)];
            Instant at = start.plus(random.nextInt(hours * 60), ChronoUnit.MINUTES);
            batch.add(Map.of("source", source, "url", "https://example.org/ds/" + seed + "/" + i,
                    "title", place + subject.substring(0, Math.min(8, subject.length())),
                    "content", place + subject + "。" + mood + " 编号" + seed + "-" + i,
                    "publishedAt", at.toString(), "replyCount", random.nextInt(30), "viewCount", random.nextInt(500)));
        }
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < batch.size(); i += 50) {
            List<Number> got = asAdmin().body(batch.subList(i, Math.min(batch.size(), i + 50))).post("/api/posts")
                    .then().statusCode(201).extract().jsonPath().getList("id", Number.class);
            got.forEach(x -> ids.add(x.longValue()));
        }
        return ids;
    }
}
