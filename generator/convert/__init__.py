"""DOCX → PDF through LibreOffice."""

from generator.convert.soffice import ConversionJob, convert

__all__ = ["ConversionJob", "convert"]
