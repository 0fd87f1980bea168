-- Read paths at scale (issue 10): the orders the listings use, so that a page of the newest posts or the hottest
-- topics is read from the top of an index instead of sorting a million rows. Portable between H2 2.x and PostgreSQL.

-- latest posts: order by published_at desc, id desc (with and without the sentiment filter)
CREATE INDEX ix_post_published_id ON post (published_at DESC, id DESC);
CREATE INDEX ix_post_sentiment_published_id ON post (sentiment_label, published_at DESC, id DESC);
DROP INDEX ix_post_sentiment;
-- topics by hotness, or most recent first
CREATE INDEX ix_topic_hot_order ON topic (hotness DESC, last_seen DESC, id DESC);
CREATE INDEX ix_topic_recent_order ON topic (last_seen DESC, id DESC);
