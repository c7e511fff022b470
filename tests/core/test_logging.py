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
