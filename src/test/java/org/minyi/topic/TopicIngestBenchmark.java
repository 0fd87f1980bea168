package org.minyi.topic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.minyi.ServiceProcess;

/**
 * Topics at scale through the whole ingestion path: the packaged service ingests 100,000 generated Chinese posts over
 * HTTP (validation, analysis, storage, topic assignment, in batches of 500) and the posts per second of every 10,000
 * are printed with the ratio of the last to the first. Run:
 * <pre>
 * ./mvnw -q package -DskipTests
 * ./mvnw -q exec:java -Dexec.classpathScope=test -Dexec.mainClass=org.minyi.topic.TopicIngestBenchmark [-Dexec.args=100000]
 * </pre>
 */
public final class TopicIngestBenchmark {

    private static final String[] PLACES = {"湖滨社区", "澄心社区", "柳岸社区", "书香苑社区", "观澜社区", "潮音社区", "渔火社区", "海韵社区",
        "帆影社区", "云锦社区", "启航社区", "星河湾社区", "鹭鸣社区", "芦汀社区", "翠堤社区", "鹭岛社区", "青屿村", "石塘村", "渔光村",
        "茶岙村", "盐田村", "潮头村", "沙洲村", "东埠村"};
    private static final String[] ISSUES = {"夜间施工噪音扰民", "垃圾清运不及时", "河道发黑发臭", "拆迁补偿标准不公", "工厂偷排废水",
        "小区电梯频繁故障", "学校门口交通拥堵", "外卖店卫生堪忧", "燃气管道老化漏气", "物业乱收费", "停车位严重不足", "路灯长期不亮",
        "农民工工资被拖欠", "广场舞噪音太大", "违章搭建无人管", "公交线路调整不便", "菜市场缺斤短两", "自来水发黄有异味",
        "餐馆油烟扰民", "共享单车乱停乱放", "楼道堆放杂物有火灾隐患", "医院排队挂号太难", "幼儿园学位紧张", "化工厂气味刺鼻",
        "暴雨后道路积水严重", "小区绿化被毁", "电动车进楼充电", "流浪狗伤人", "快递柜收费不合理", "老旧小区加装电梯难"};
    private static final String[] DETAILS = {"已经一个多月了", "多次打12345没有回音", "老人孩子都受不了", "希望有关部门尽快处理", "居民意见很大",
        "晚上根本睡不着", "物业说不归他们管", "街道说会研究", "邻居们都在群里抱怨", "拍了照片留证据", "媒体也来采访过", "有人已经生病了",
        "去年也出现过同样问题", "整改了几天又恢复原样", "业主准备联名投诉", "希望给个说法", "再不解决就去信访", "感谢网格员帮忙反映"};

    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int block = 10_000;
        int batch = 500;
        Random random = new Random(20261128L);
        Path work = Files.createTempDirectory("minyi-topic-ingest");
        try (ServiceProcess service = new ServiceProcess(work, Map.of("MINYI_DEMO_ENABLED", "false"), "bench-pw").start()) {
            service.call("POST", "/api/sources", "{\"name\":\"bench-topics\",\"type\":\"API\",\"baseUrl\":\"https://example.org/\"}");
            OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).minusDays(30);
            List<int[]> active = new ArrayList<>();
            double first = 0;
            double last = 0;
            StringBuilder table = new StringBuilder("| posts | posts/s of this 10,000 |\n|---|---|\n");
            long t0 = System.nanoTime();
            StringBuilder body = new StringBuilder();
            int inBatch = 0;
            for (int i = 0; i < total; i++) {
                if (active.isEmpty() || random.nextInt(25) == 0) {
                    active.add(new int[] {random.nextInt(PLACES.length), random.nextInt(ISSUES.length)});
                    if (active.size() > 30) {
                        active.remove(0);
                    }
                }
                int[] story = active.get(active.size() - 1 - Math.min(active.size() - 1, (int) Math.abs(random.nextGaussian() * 6)));
                String text = PLACES[story[0]] + ISSUES[story[1]] + "，" + DETAILS[random.nextInt(DETAILS.length)] + "，"
                        + DETAILS[random.nextInt(DETAILS.length)] + "。第" + i + "条";
                body.append(inBatch == 0 ? "[" : ",").append("{\"source\":\"bench-topics\",\"url\":\"https://example.org/t/").append(i)
                        .append("\",\"title\":\"").append(PLACES[story[0]]).append(ISSUES[story[1]]).append("\",\"content\":\"")
                        .append(text).append("\",\"publishedAt\":\"").append(start.plusSeconds(20L * i)).append("\"}");
                inBatch++;
                if (inBatch == batch || i == total - 1) {
                    int status = service.call("POST", "/api/posts", body.append("]").toString()).statusCode();
                    if (status != 201) {
                        throw new IllegalStateException("POST /api/posts answered " + status);
                    }
                    body.setLength(0);
                    inBatch = 0;
                }
                if ((i + 1) % block == 0) {
                    double rate = block / ((System.nanoTime() - t0) / 1e9);
                    if (i + 1 == block) {
                        first = rate;
                    }
                    last = rate;
                    table.append(String.format(Locale.ROOT, "| %d | %.0f |%n", i + 1, rate));
                    System.out.printf(Locale.ROOT, "%d posts, %.0f posts/s%n", i + 1, rate);
                    t0 = System.nanoTime();
                }
            }
            table.append(String.format(Locale.ROOT, "%nfirst 10,000: %.0f posts/s, last 10,000: %.0f posts/s, ratio %.2f (aim >= 0.5)%n",
                    first, last, last / first));
            System.out.print(table);
            Path out = Path.of("target", "topic-ingest-benchmark.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, table.toString());
        }
    }
}
