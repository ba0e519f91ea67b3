"""The preflight checker (``prongsai check``): finds the defects hand-made plans ship with, before anyone signs.

Rule families, one module each: leftovers (1), orgtype (2), names (3), spelling (4), numbering (5),
arithmetic (6), contents (7), templates (8). Readers turn text, DOCX, PDF and organisation data into one
``Document`` shape; ``outline`` finds the plan's structure in it; ``run`` checks a target; ``report`` prints.
"""
