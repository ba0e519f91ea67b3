"""Thai numbers, dates and money, produced as text (never left to a font).

A thin layer over pythainlp: Thai digits, Buddhist-Era years, fiscal years named by the year they end,
full month names from the catalog, and amounts as ``5,000 บาท (ห้าพันบาทถ้วน)``.
"""

from __future__ import annotations

import os
import re
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from pythainlp.util import bahttext  # noqa: E402

from generator import catalog  # noqa: E402

BE_OFFSET = 543
_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Web and mail addresses keep their ASCII digits: a Thai digit would make them unusable.
_VERBATIM = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)


def thai_digits(text: str) -> str:
    """Arabic digits → Thai digits, leaving web and e-mail addresses untouched."""
    out, pos = [], 0
    for m in _VERBATIM.finditer(text):
        out.append(text[pos : m.start()].translate(_TO_THAI))
        out.append(m.group())
        pos = m.end()
    out.append(text[pos:].translate(_TO_THAI))
    return "".join(out)


def arabic_digits(text: str) -> str:
    return text.translate(_TO_ARABIC)


def digits(text: str, style: str) -> str:
    """Apply a document's digit style ("thai" or "arabic") to text."""
    return thai_digits(text) if style == "thai" else arabic_digits(text)


def be_year(ce_year: int) -> int:
    return ce_year + BE_OFFSET


def ce_year(be: int) -> int:
    return be - BE_OFFSET


def fiscal_year(day: date) -> int:
    """The BE fiscal year a date falls in: 1 October to 30 September, named by the year it ends."""
    return be_year(day.year) + (1 if day.month >= 10 else 0)


def fiscal_year_start(fy: int) -> date:
    return date(ce_year(fy) - 1, 10, 1)


def fiscal_year_end(fy: int) -> date:
    return date(ce_year(fy), 9, 30)


def internal_control_deadline(fy: int) -> date:
    """Reports are due within 90 days after the fiscal year ends (29 December)."""
    return fiscal_year_end(fy) + timedelta(days=90)


def month_name(number: int) -> str:
    return catalog.months()[number - 1].full


def thai_date(day: date, *, with_era: bool = True) -> str:
    """``1 ตุลาคม พ.ศ. 2565`` (digits are converted per document later)."""
    era = "พ.ศ. " if with_era else ""
    return f"{day.day} {month_name(day.month)} {era}{be_year(day.year)}"


def number(value: int | Decimal | float, decimals: int = 0) -> str:
    """Thousands-grouped number: ``25,000`` or ``1,250.50``."""
    quantum = Decimal(1).scaleb(-decimals)
    amount = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{amount:,.{decimals}f}"


def baht_words(amount: int | Decimal | float) -> str:
    """Amount in words, Excel BAHTTEXT style: ``ห้าพันบาทถ้วน``, ``ห้าสิบสตางค์``."""
    value = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if value < 0:
        raise ValueError("negative amount")
    words = bahttext(float(value))
    if value < 1 and value != 0:
        words = words.removeprefix("ศูนย์บาท")
    return words


def money(amount: int | Decimal | float) -> str:
    """``5,000 บาท (ห้าพันบาทถ้วน)``; satang shown only when there are any."""
    value = Decimal(str(amount))
    decimals = 0 if value == value.to_integral_value() else 2
    return f"{number(value, decimals)} บาท ({baht_words(value)})"
