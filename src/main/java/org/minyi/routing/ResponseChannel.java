package org.minyi.routing;

import java.util.Arrays;
import java.util.Optional;

/** Where an official response was published. */
public enum ResponseChannel {
    /** 论坛回帖 */ FORUM_REPLY,
    /** 官方微博 */ WEIBO,
    /** 官方微信公众号 */ WECHAT,
    /** 新闻通稿 */ PRESS_RELEASE,
    /** 新闻发布会 */ PRESS_CONFERENCE;

    public static Optional<ResponseChannel> parse(String value) {
        return value == null ? Optional.empty()
                : Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(value.strip())).findFirst();
    }
}
