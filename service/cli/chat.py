"""``jiuye chat``: a terminal chat with a running ``jiuye serve``, speaking WeChat's protocol."""

from __future__ import annotations

import getpass

import typer

HELP = "输入文字发送；/位置 纬度 经度、/语音 文字、/图片、/关注、/退出"


def register(app: typer.Typer) -> None:
    @app.command(help="模拟公众号关注者与助手对话（带签名的 XML，可选安全模式）")
    def chat(
        url: str = typer.Option("", help="服务的 /wechat 地址（默认：`jiuye serve` 上次启动的地址）"),
        openid: str = typer.Option("", help="发消息用的 openid（默认：按本机登录名生成的固定值）"),
        safe: bool = typer.Option(False, "--safe", help="安全模式：消息用 AES 加密（需设置 JIUYE_WECHAT_AES_KEY）"),
        say: list[str] = typer.Option([], "--say", help="依次发送这些消息，显示回复后退出（可写多次）"),
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
