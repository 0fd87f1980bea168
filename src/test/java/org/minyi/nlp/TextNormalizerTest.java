package org.minyi.nlp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextNormalizerTest {

    private final TextNormalizer n = new TextNormalizer();

    @Test
    void stripsUrlsAndMentions() {
        NormalizedText t = n.normalize("@海澄发布 请看 https://t.cn/A6xYz?x=1 这里积水严重 回复@张三: 知道了");
        assertThat(t.text()).doesNotContain("http").doesNotContain("t.cn").doesNotContain("@")
                .doesNotContain("海澄发布").doesNotContain("张三").contains("这里积水严重").contains("知道了");
    }

    @Test
    void keepsOwnTextBeforeRepostChain() {
        NormalizedText t = n.normalize("太过分了[怒]//@路人甲: 转发微博 //@路人乙:真的假的[哈哈]");
        assertThat(t.text()).isEqualTo("太过分了");
        assertThat(t.emoticons()).containsExactly("[怒]");
    }

    @Test
    void fullWidthToHalfWidthAndWhitespace() {
        NormalizedText t = n.normalize("ＡＢＣ１２３　　ｙｙｄｓ\n\n  好 ");
        assertThat(t.text()).isEqualTo("ABC123 yyds 好");
    }

    @Test
    void traditionalToSimplified() {
        assertThat(n.normalize("這家酒店服務很差").text()).isEqualTo("这家酒店服务很差");
    }

    @Test
    void extractsEmoticonsAndEmoji() {
        NormalizedText t = n.normalize("服务真好[赞][心]👍 太慢了😡");
        assertThat(t.emoticons()).containsExactly("[赞]", "[心]", "👍", "😡");
        assertThat(t.text()).isEqualTo("服务真好 太慢了");
    }

    @Test
    void oddInput() {
        assertThat(n.normalize(null).text()).isEmpty();
        assertThat(n.normalize("   \t\n").text()).isEmpty();
        assertThat(n.normalize("😂😂😂").text()).isEmpty();
        assertThat(n.normalize("😂😂😂").emoticons()).hasSize(3);
    }
}
