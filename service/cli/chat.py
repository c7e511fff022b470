"""``jiuye chat``: a terminal chat with a running ``jiuye serve``, speaking WeChat's protocol."""

from __future__ import annotations

import getpass

import typer

HELP = "输入文字发送；/位置 纬度 经度、/语音 文字、/图片、/关注、/退出"


def register(app: typer.Typer) -> None:
    @app.command()
    def chat(
        url: str = typer.Option("", help="the service's /wechat URL (default: where `jiuye serve` last started)"),
        openid: str = typer.Option("", help="who you are (default: a fixed id for your login name)"),
        safe: bool = typer.Option(False, "--safe", help="safe mode: AES-encrypt messages (needs JIUYE_WECHAT_AES_KEY)"),
        say: list[str] = typer.Option([], "--say", help="send these messages, print the replies and exit"),
    ) -> None:
        """Chat with the bot as a WeChat follower would (signed XML, optional safe mode)."""
        import httpx

        from bot.simulator import Account, message_xml, text_xml
        from core.settings import get_settings

        settings = get_settings()
        if not url:
            from service.cli.serve import SERVE_FILE

            started = settings.data_dir / SERVE_FILE
            url = started.read_text(encoding="utf-8").strip() if started.is_file() else "http://127.0.0.1:8000/wechat"
        aes_key = settings.wechat_aes_key.get_secret_value()
        if safe and len(aes_key) != 43:
            typer.echo("安全模式需要设置 JIUYE_WECHAT_AES_KEY（43 位 EncodingAESKey）", err=True)
            raise typer.Exit(2)
        account = Account(settings.wechat_token.get_secret_value(), aes_key, settings.wechat_app_id, safe)
        who = openid or "oCHAT-" + "".join(ch for ch in getpass.getuser() if ch.isalnum())[:20]

        def send(body: str) -> None:
            query, data = account.request(body)
            try:
                res = httpx.post(f"{url}?{query}", content=data, headers={"Content-Type": "text/xml"}, timeout=10)
                text = account.reply_text(res.status_code, res.text)
            except (httpx.HTTPError, ValueError) as exc:
                typer.echo(f"[发送失败] {exc}", err=True)
                return
            typer.echo(("助手：" + text) if text else "（已收到；回复会稍后以客服消息发出）")

        def handle(line: str) -> bool:
            line = line.strip()
            if line in ("/退出", "/quit", "/exit"):
                return False
            if line.startswith(("/位置", "/loc")):
                parts = line.split()
                lat, lon = (parts[1], parts[2]) if len(parts) >= 3 else ("26.0745", "119.2965")
                send(message_xml(who, "location", {"Location_X": lat, "Location_Y": lon, "Scale": "15", "Label": ""}))
            elif line.startswith(("/语音", "/voice")):
                said = line.split(maxsplit=1)[1] if " " in line else ""
                send(message_xml(who, "voice", {"MediaId": "m1", "Format": "amr", "Recognition": said}))
            elif line in ("/图片", "/image"):
                send(message_xml(who, "image", {"PicUrl": "http://example.invalid/p.jpg", "MediaId": "m2"}))
            elif line in ("/关注", "/subscribe"):
                send(message_xml(who, "event", {"Event": "subscribe"}))
            elif line:
                send(text_xml(who, line))
            return True

        if say:
            for line in say:
                typer.echo(f"你：{line}")
                handle(line)
            return
        typer.echo(f"已连接 {url}（{'安全模式' if safe else '明文模式'}，openid {who}）。{HELP}")
        handle("/关注")
        while True:
            try:
                line = input("你：")
            except (EOFError, KeyboardInterrupt):
                typer.echo("")
                break
            if not handle(line):
                break
