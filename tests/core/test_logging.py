import logging

from core.logging import MaskingFilter, mask_id, mask_phone, mask_text


def test_mask_helpers() -> None:
    assert mask_phone("13800002000") == "138****2000"
    assert mask_id("350722199001011234") == "350722********1234"


def test_mask_text_masks_phone_and_id_inside_sentences() -> None:
    out = mask_text("电话13800002000，身份证35072219900101123X")
    assert "13800002000" not in out and "35072219900101123X" not in out


def test_log_records_are_masked(caplog) -> None:  # type: ignore[no-untyped-def]
    log = logging.getLogger("jiuye.test")
    caplog.handler.addFilter(MaskingFilter())
    with caplog.at_level(logging.INFO):
        log.info("imported %s phone %s", "张三", "13912345678")
    assert "13912345678" not in caplog.text
    assert "139****5678" in caplog.text


def test_phone_written_with_country_code_spaces_or_dashes_is_masked() -> None:
    for written in ("+8613812345678", "+86 138 1234 5678", "138 1234 5678", "138-1234-5678"):
        out = mask_text(f"联系电话：{written}。")
        assert "1234" not in out.replace("138", ""), out
        assert "****" in out and out.endswith("5678。")
    assert mask_text("订单号 2026113012345678901") == "订单号 2026113012345678901"  # not a phone


def test_traceback_lines_are_masked_too() -> None:
    from io import StringIO

    from core.logging import LINE_FORMAT, MaskingFormatter

    stream = StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(MaskingFormatter(LINE_FORMAT))
    log = logging.getLogger("jiuye.test.tb")
    log.addHandler(handler)
    try:
        raise ValueError("bad row 13912345678 350722199001011234")
    except ValueError:
        log.exception("import failed")
    log.removeHandler(handler)
    text = stream.getvalue()
    assert "Traceback" in text and "13912345678" not in text and "350722199001011234" not in text


def test_uvicorn_loggers_get_the_masking_formatter() -> None:
    import logging.config

    from core.logging import MaskingFormatter, uvicorn_log_config

    logging.config.dictConfig(uvicorn_log_config("INFO"))
    handlers = logging.getLogger("uvicorn.access").handlers
    assert handlers and all(isinstance(h.formatter, MaskingFormatter) for h in handlers)
