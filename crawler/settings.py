"""Scrapy settings of the fundwatch project (scrapy.cfg points here); FUNDWATCH_* env values win."""

from __future__ import annotations

import os

from fundwatch.settings import Settings

_fw = Settings.from_env()
_crawl = _fw.crawl

BOT_NAME = "fundwatch"
SPIDER_LOADER_CLASS = "crawler.spiderloader.SourceSpiderLoader"
SPIDER_MODULES: list[str] = []
USER_AGENT = f"fundwatch/0.1 (+{_fw.user_agent_contact})"

# Politeness: robots.txt, one host at a time at a modest pace, patient with slow or busy servers.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = _crawl.per_domain_concurrency
DOWNLOAD_DELAY = _crawl.download_delay_s
AUTOTHROTTLE_ENABLED = _crawl.autothrottle
AUTOTHROTTLE_START_DELAY = max(_crawl.download_delay_s, 1.0)
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = _crawl.download_timeout_s
DOWNLOAD_MAXSIZE = _crawl.max_page_bytes
DOWNLOAD_WARNSIZE = _crawl.max_page_bytes // 2
FUNDWATCH_MAX_FEED_BYTES = _crawl.max_feed_bytes
DOWNLOAD_FAIL_ON_DATALOSS = True
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no control port on an unattended nightly crawl
RETRY_ENABLED = True
RETRY_TIMES = _crawl.retries
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
FUNDWATCH_RETRY_BACKOFF_S = _crawl.retry_backoff_s
FUNDWATCH_RETRY_AFTER_MAX_S = _crawl.retry_after_max_s
# One task per callback output is faster here than the default 100 (PERF_NOTES.md).
CONCURRENT_ITEMS = 1

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.PrivateAddressGuard": 50,
    "crawler.middlewares.ConditionalRequests": 560,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
}
TWISTED_DNS_RESOLVER = "crawler.middlewares.PublicOnlyResolver"
ITEM_PIPELINES = {"crawler.pipelines.StorePagePipeline": 300}
EXTENSIONS = {
    "crawler.observe.CrawlStatsRecorder": 500,
    "crawler.observe.ProgressLine": 510,
    "scrapy.extensions.logstats.LogStats": None,
}

FUNDWATCH_DATABASE_URL = _fw.database_url
FUNDWATCH_SOURCES_FILE = str(_fw.sources_file)
FUNDWATCH_ALLOW_PRIVATE = os.environ.get("FUNDWATCH_ALLOW_PRIVATE", "") in ("1", "true", "yes")
FUNDWATCH_PROGRESS = os.environ.get("FUNDWATCH_PROGRESS", "auto")

LOG_LEVEL = os.environ.get("FUNDWATCH_CRAWL_LOG_LEVEL", "INFO")
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
FEED_EXPORT_ENCODING = "utf-8"
FUNDWATCH_MAX_PAGES = _crawl.max_pages or 0
# The writer process extracts rounds from the pages it stores, overlapping extraction with fetching.
FUNDWATCH_CRAWL_EXTRACT = True
