"""Thai numbers, dates and money (thai-doc-formats.md §6 test vectors)."""

from datetime import date

import pytest

from generator import thai


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (5000, "ห้าพันบาทถ้วน"),
        (12000, "หนึ่งหมื่นสองพันบาทถ้วน"),
        (1_200_000, "หนึ่งล้านสองแสนบาทถ้วน"),
        (21, "ยี่สิบเอ็ดบาทถ้วน"),
        (101.25, "หนึ่งร้อยเอ็ดบาทยี่สิบห้าสตางค์"),
        (10, "สิบบาทถ้วน"),
        (0.50, "ห้าสิบสตางค์"),
        (0, "ศูนย์บาทถ้วน"),
        (25000, "สองหมื่นห้าพันบาทถ้วน"),
    ],
)
def test_baht_words(amount, words):
    assert thai.baht_words(amount) == words


def test_money_with_thai_digits():
    assert thai.money(5000) == "5,000 บาท (ห้าพันบาทถ้วน)"
    assert thai.thai_digits(thai.money(5000)) == "๕,๐๐๐ บาท (ห้าพันบาทถ้วน)"
    assert thai.money(1250.5) == "1,250.50 บาท (หนึ่งพันสองร้อยห้าสิบบาทห้าสิบสตางค์)"


def test_thai_digits_leave_web_and_mail_addresses_alone():
    text = "โทร. 044-123456 www.sao123.go.th หรือ saraban1@sao.go.th ปี 2566"
    assert thai.thai_digits(text) == "โทร. ๐๔๔-๑๒๓๔๕๖ www.sao123.go.th หรือ saraban1@sao.go.th ปี ๒๕๖๖"
    assert thai.arabic_digits("ที่ ๑๒/๒๕๖๗") == "ที่ 12/2567"


def test_fiscal_year_is_named_by_the_year_it_ends():
    assert thai.fiscal_year(date(2022, 10, 1)) == 2566
    assert thai.fiscal_year(date(2023, 9, 30)) == 2566
    assert thai.fiscal_year_start(2568) == date(2024, 10, 1)
    assert thai.fiscal_year_end(2568) == date(2025, 9, 30)
    assert thai.internal_control_deadline(2566) == date(2023, 12, 29)


def test_dates_use_full_month_names_and_buddhist_era():
    assert thai.thai_date(date(2022, 10, 1)) == "1 ตุลาคม พ.ศ. 2565"
    assert thai.thai_digits(thai.thai_date(date(2024, 7, 15))) == "๑๕ กรกฎาคม พ.ศ. ๒๕๖๗"
    assert thai.number(25000) == "25,000"
