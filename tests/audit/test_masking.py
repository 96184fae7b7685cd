import logging

import pytest
from django.conf import settings

from dialogue_portal.audit.masking import MaskPhoneFilter, mask_data, mask_phone


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("0912345678", "*******678"),
        ("Gọi chị Lan 0912 345 678 nhé", "Gọi chị Lan **** *** 678 nhé"),
        ("+84 912.345.678", "+** ***.***.678"),
        ("84912345678", "********678"),
        ("máy bàn 0233-3852-123", "máy bàn ****-****-123"),
        ("KN-2024-00123", "KN-2024-00123"),
        ("CCCD 045123456789", "CCCD 045123456789"),
        ("ngày 15/03/2024", "ngày 15/03/2024"),
        ("", ""),
    ],
)
def test_mask_phone_hides_all_but_last_three_digits(text, masked):
    assert mask_phone(text) == masked


def test_mask_data_masks_nested_strings():
    data = {"note": "sđt 0987654321", "list": ["0987 654 321", 7], "inner": {"phone": "+84987654321"}}

    assert mask_data(data) == {
        "note": "sđt *******321",
        "list": ["**** *** 321", 7],
        "inner": {"phone": "+********321"},
    }


def test_log_filter_masks_phone_in_message_and_arguments():
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "petition from %s (%s)", ("Lan", "0912345678"), None)

    MaskPhoneFilter().filter(record)

    assert record.getMessage() == "petition from Lan (*******678)"


def test_console_log_handler_uses_phone_filter():
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["mask_phone"]
    configured = [h for h in logging.getLogger().handlers if isinstance(h, logging.StreamHandler)]
    assert any(isinstance(f, MaskPhoneFilter) for h in configured for f in h.filters)
