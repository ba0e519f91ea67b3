"""DOCX → PDF through LibreOffice: one-shot ``soffice`` calls, or persistent workers when they run."""

from generator.convert.engine import ConversionReport, Conversions, convert, session
from generator.convert.jobs import ConversionError, ConversionJob

__all__ = ["ConversionError", "ConversionJob", "ConversionReport", "Conversions", "convert", "session"]
