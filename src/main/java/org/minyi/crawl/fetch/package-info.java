/**
 * Fetching stage of the crawler (StormCrawler's {@code protocol/} plus URL filtering).
 *
 * <p>Flow of one {@link org.minyi.crawl.fetch.PageFetcher#fetch}: {@link org.minyi.crawl.fetch.TrapFilter}
 * on the URL, then per attempt {@link org.minyi.crawl.fetch.HttpTransport#follow}, which for every hop
 * (the URL and each redirect target) runs {@link org.minyi.crawl.fetch.AddressGuard} (SSRF, before any
 * connection), the trap filter, {@link org.minyi.crawl.fetch.RobotsRules} and
 * {@link org.minyi.crawl.fetch.HostPoliteness}, then sends one GET. Text bodies are decoded by
 * {@link org.minyi.crawl.fetch.CharsetDetector}. Links found on pages go through
 * {@link org.minyi.crawl.fetch.UrlNormalizer} before they are queued.
 *
 * <p>Everything is configured by one {@link org.minyi.crawl.fetch.CrawlConfig}
 * ({@code minyi.crawl.*}), turned into a plain {@link org.minyi.crawl.fetch.FetchSettings} record so the
 * classes are built with constructors (CDI producers are wired elsewhere); time comes from an injected
 * {@link java.time.Clock} and waits go through a {@link org.minyi.crawl.fetch.HostPoliteness.Sleeper}.
 */
package org.minyi.crawl.fetch;
