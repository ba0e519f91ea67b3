"""Rule 4 — script and spelling.

* a letter of another script inside a Thai word (a Bengali ষ for ช, a Lao letter, a stray Latin o);
* combining marks doubled, stacked wrongly or standing without a letter (ู้้, ้ after a space), doubled vowels (าา, เเ);
* words the pythainlp dictionary does not know and that are neither names nor listed official terms, with
  suggestions (pythainlp, and close dictionary words);
* close variants of the document's own long words (ประพฤติมิชอบ used 20 times, a variant once) that the
  dictionary does not know: the usual trace of a transcription error that splits into valid syllables.

The words themselves (dictionary, tokens, frequencies, suggestions) come from words.py.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping

from generator.check.context import CheckContext
from generator.check.document import Block
from generator.check.findings import Finding
from generator.check.outline import edit_distance
from generator.check.words import THAI_WORD, closest_word, dictionary, frequencies, suggestions, tokenize

RULE = 4
THAI_RUN = re.compile(r"[\u0E01-\u0E2E\u0E30-\u0E4E]+")
THAI_LATIN = re.compile(r"[\u0E01-\u0E4E](?=[A-Za-z]{2})|(?<=[A-Za-z]{2})[\u0E01-\u0E4E]")
LATIN_INSIDE = re.compile(r"(?<=[\u0E01-\u0E4E])[A-Za-z]{1,2}(?=[\u0E01-\u0E4E])")
CONSONANT = range(0x0E01, 0x0E2F)
UPPER_LOWER = {0x0E31, 0x0E34, 0x0E35, 0x0E36, 0x0E37, 0x0E38, 0x0E39, 0x0E3A}
TONES = range(0x0E48, 0x0E4C)
LIST_MARK = re.compile(r"(?:^|(?<=\s))[-–•]?\s*(?:\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*\)|[ก-ฮ]\))")
# A character of neither Latin (with its extensions) nor Thai: where a foreign letter can hide in a Thai word.
_OTHER_SCRIPT = re.compile("[^\u0000-\u024F\u0E00-\u0E7F\u1E00-\u1EFF]")
# Thai letters written twice in a row (a word that follows itself is one; THAI_WORD lets it end in a newline).
_REPEATED = re.compile("([\u0E01-\u0E2E\u0E30-\u0E45\u0E47-\u0E4E]{2,}\n?)\\1")
SPACING_VOWELS = {0x0E30, 0x0E32, 0x0E33, 0x0E40, 0x0E41, 0x0E42, 0x0E43, 0x0E44, 0x0E45}
# Where a mark or vowel can be wrong: a combining mark (UPPER_LOWER, TONES, ็ ์) not right after a consonant,
# or a spacing vowel right after the same vowel. Everywhere else ``_mark_problem`` finds nothing.
_MARK_SUSPECT = re.compile("(?<![\u0E01-\u0E2E])[\u0E31\u0E34-\u0E3A\u0E47-\u0E4C]"
                           "|(?<=([\u0E30\u0E32\u0E33\u0E40-\u0E45]))\\1")


def check(ctx: CheckContext) -> list[Finding]:
    tokens = _Tokens(ctx.doc.blocks)
    found = _scripts(ctx, tokens)
    if ctx.doc.kind != "pdf":  # the PDF text layer reorders Thai marks and cuts words at line ends
        found += _marks(ctx, tokens)
        found += _doubled_words(ctx, tokens)
        found += _thai_latin(ctx)
        found += _parentheses(ctx)
        if not ctx.doc.words_in_data:
            found += _near_misses(ctx, tokens)
            found += _unknown_words(ctx, tokens)
    return found


def _broken(token: str) -> bool:
    return _implausible([token])


def _word_span(tokens: list[tuple[int, str]], pos: int, end: int | None = None) -> tuple[int, int]:
    """The word a reader would point at around [pos, end): the broken tokens there, and the word before
    them when that alone would be too short to recognise."""
    end = pos + 1 if end is None else end
    idx = [i for i, (o, t) in enumerate(tokens) if o < end and pos < o + len(t)]
    if not idx:
        return pos, end
    first, last = idx[0], idx[-1]
    while first > 0 and tokens[first - 1][1].strip() and _broken(tokens[first - 1][1]):
        first -= 1
    while last + 1 < len(tokens) and tokens[last + 1][1].strip() and _broken(tokens[last + 1][1]):
        last += 1
    start, stop = tokens[first][0], tokens[last][0] + len(tokens[last][1])
    if stop - start < 6 and first > 0 and tokens[first - 1][1].strip():
        start = tokens[first - 1][0]
    return min(start, pos), max(stop, end)


def _scripts(ctx: CheckContext, tokens: dict[int, list[tuple[int, str]]]) -> list[Finding]:
    found = []
    for block in ctx.doc.blocks:
        text = block.text
        for match in _OTHER_SCRIPT.finditer(text):
            i, ch = match.start(), match.group()
            cp = ord(ch)
            if unicodedata.category(ch)[0] not in "LM":
                continue
            near = text[max(0, i - 1) : i] + text[i + 1 : i + 2]
            if not re.search(r"[\u0E01-\u0E4E]", near):
                continue
            start, end = _word_span(tokens.get(block.index, []), i)
            script = unicodedata.name(ch, "UNKNOWN").split()[0].capitalize()
            fix = closest_word(text[start:end])
            found.append(ctx.finding(
                RULE, "spelling.foreign-script", "error", block,
                f"มีอักษรต่างชนิด ({script} '{ch}' U+{cp:04X}) ปนอยู่ในคำภาษาไทย",
                f"a {script} character '{ch}' (U+{cp:04X}) inside a Thai word",
                start=start, end=end, claim=True,
                fix_th=f"พิมพ์คำใหม่ด้วยอักษรไทย{f' เช่น {fix}' if fix else ''}",
                fix_en=f"retype the word in Thai script{f', e.g. {fix}' if fix else ''}",
            ))
        for m in LATIN_INSIDE.finditer(text):
            start, end = _word_span(tokens.get(block.index, []), m.start(), m.end())
            if ctx.claimed(block, start, end):
                continue
            found.append(ctx.finding(
                RULE, "spelling.latin-inside", "warning", block,
                f"มีอักษรละติน '{m.group()}' อยู่กลางคำภาษาไทย", f"Latin letter(s) '{m.group()}' inside a Thai word",
                start=start, end=end, claim=True, fix_th="พิมพ์คำใหม่ด้วยอักษรไทย", fix_en="retype the word in Thai script",
            ))
    return found


def _mark_problem(prev_state: str, prev_cp: int, cp: int) -> str:
    """'' when the character may follow; else what is wrong."""
    if cp in UPPER_LOWER:
        if prev_state == "C":
            return ""
        return "doubled" if prev_cp == cp else "stray"
    if cp in TONES:
        if prev_state in "CV":
            return ""
        return "doubled" if prev_state == "T" else "stray"
    if cp == 0x0E47:
        return "" if prev_state == "C" else ("doubled" if prev_cp == cp else "stray")
    if cp == 0x0E4C:
        return "" if prev_state in "CV" else ("doubled" if prev_cp == cp else "stray")
    return ""


def _state(cp: int) -> str:
    if cp in CONSONANT:
        return "C"
    if cp in UPPER_LOWER:
        return "V"
    if cp in TONES:
        return "T"
    if cp in (0x0E47, 0x0E4C):
        return "K"
    return "O"


def _marks(ctx: CheckContext, tokens: dict[int, list[tuple[int, str]]]) -> list[Finding]:
    found = []
    for block in ctx.doc.blocks:
        text = block.text
        if not THAI_RUN.search(text):
            continue
        problems: list[tuple[int, str]] = []
        for m in _MARK_SUSPECT.finditer(text):  # only where the character before may not license it
            i = m.start()
            cp, prev = ord(text[i]), ord(text[i - 1]) if i else 0
            what = _mark_problem(_state(prev), prev, cp)
            if not what and cp in SPACING_VOWELS and cp == prev:
                what = "double-e" if cp == 0x0E40 else "doubled-vowel"
            if what:
                problems.append((i, what))
        for i, what in problems:
            start, end = _word_span(tokens.get(block.index, []), i)
            if ctx.claimed(block, start, end):
                continue
            word = text[start:end]
            fixed = word[: i - start] + word[i - start + 1 :]
            if what == "double-e":
                fixed = word[: i - start - 1] + "แ" + word[i - start + 1 :]
                th, en, severity = ("พิมพ์ เ สองตัวแทน แ", "two เ typed instead of แ", "warning")
            elif what == "doubled-vowel":
                th, en, severity = ("สระซ้ำสองตัว", "a vowel typed twice", "error")
            elif what == "doubled":
                th, en, severity = ("วรรณยุกต์หรือสระบน/ล่างซ้ำซ้อน", "a tone mark or upper/lower vowel typed twice", "error")
            else:
                th, en, severity = ("วรรณยุกต์หรือสระบน/ล่างไม่มีพยัญชนะรองรับ", "a combining mark without a letter to sit on", "error")
            found.append(ctx.finding(
                RULE, f"spelling.{what}", severity, block, th, en, start=start, end=end, claim=True,
                fix_th=f"แก้เป็น \"{fixed}\"" if fixed.strip() else "ลบเครื่องหมายที่เกิน",
                fix_en=f"write \"{fixed}\"" if fixed.strip() else "delete the extra mark",
            ))
    return found


def _thai_latin(ctx: CheckContext) -> list[Finding]:
    """A Thai word run into an English one (มาตรการNO Gift Policy): Thai official text spaces the two apart."""
    found = []
    for block in ctx.doc.blocks:
        for m in THAI_LATIN.finditer(block.text):
            at = m.start() + 1 if "A" <= block.text[m.start() + 1 : m.start() + 2].upper() <= "Z" else m.start()
            start, end = max(0, at - 8), min(len(block.text), at + 8)
            if ctx.claimed(block, at - 1, at + 1):
                continue
            found.append(ctx.finding(
                RULE, "spelling.thai-latin-space", "warning", block,
                "คำภาษาไทยติดกับคำภาษาอังกฤษโดยไม่เว้นวรรค", "a Thai word runs into an English word without a space",
                start=start, end=end, fix_th="เว้นวรรคระหว่างคำภาษาไทยกับคำภาษาอังกฤษ",
                fix_en="put a space between the Thai and the English word",
            ))
    return found


def _doubled_words(ctx: CheckContext, tokens: dict[int, list[tuple[int, str]]]) -> list[Finding]:
    """The same word typed twice in a row (กำหนดกำหนด); Thai repeats a word with ๆ, not by writing it again."""
    found = []
    for block in ctx.doc.blocks:
        toks = tokens.get(block.index, [])
        pairs = [(o1, t1, o2, t2) for (o1, t1), (o2, t2) in zip(toks, toks[1:])
                 if t1 == t2 and len(t1) >= 3 and THAI_WORD.match(t1)]
        if not pairs or not _REPEATED.search(block.text):
            continue  # the regex, the slower test, only where a word follows itself
        for o1, t1, o2, t2 in pairs:
            if not ctx.claimed(block, o1, o2 + len(t2)):
                found.append(ctx.finding(
                    RULE, "spelling.doubled-word", "warning", block,
                    f"คำว่า \"{t1}\" ซ้ำกันสองครั้งติดกัน", f"the word \"{t1}\" is typed twice in a row",
                    start=o1, end=o2 + len(t2), claim=True, fix_th=f"แก้เป็น \"{t1}\"", fix_en=f"write \"{t1}\" once",
                ))
    return found


def _unbalanced(text: str) -> tuple[int, str] | None:
    depth, first_open = 0, None
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
            first_open = i if depth == 1 else first_open
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return i, "close"
    return (first_open, "open") if depth > 0 else None


def _parentheses(ctx: CheckContext) -> list[Finding]:
    """A paragraph that opens more brackets than it closes (or the reverse). List labels 1) 2.1) ก) close
    nothing, but "(ฉบับที่ 5)" does: a paragraph is reported only when neither reading balances."""
    found = []
    for block in ctx.doc.blocks:
        if block.kind != "para" or _unbalanced(block.text) is None:
            continue  # a table cell of extracted text may be cut anywhere
        problem = _unbalanced(LIST_MARK.sub(lambda m: " " * len(m.group()), block.text))
        if problem is None:
            continue
        i, kind = problem
        th, en = (("วงเล็บเปิดไม่มีวงเล็บปิด", "a bracket is opened and never closed") if kind == "open"
                  else ("วงเล็บปิดไม่มีวงเล็บเปิด", "a bracket is closed that was never opened"))
        found.append(ctx.finding(RULE, "spelling.bracket", "warning", block, th, en, start=i,
                                 end=min(len(block.text), i + 30), fix_th="เติมหรือลบวงเล็บให้ครบคู่",
                                 fix_en="add or remove a bracket so that they pair"))
    return found


class _Tokens(Mapping):
    """Block index → the block's words with their offsets, for every block with Thai text; each block is cut
    into words when first asked for (a rendered document's words were judged in its data already, so most of its
    blocks never are)."""

    def __init__(self, blocks: list[Block]):
        self._blocks = {b.index: b for b in blocks if b.text.strip() and THAI_RUN.search(b.text)}
        self._cut: dict[int, list[tuple[int, str]]] = {}

    def __getitem__(self, index: int) -> list[tuple[int, str]]:
        if index not in self._cut:
            self._cut[index] = _tokens(self._blocks[index])
        return self._cut[index]

    def __contains__(self, index) -> bool:
        return index in self._blocks

    def __iter__(self):
        return iter(self._blocks)

    def __len__(self) -> int:
        return len(self._blocks)


def _tokens(block: Block) -> list[tuple[int, str]]:
    out, pos = [], 0
    for token in tokenize(block.text):
        out.append((pos, token))
        pos += len(token)
    return out


def _name_spans(ctx: CheckContext, text: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in ctx.terms.person_name_regex().finditer(text)]
    for name in ctx.org.names:
        if not name:
            continue
        start = text.find(name)
        while start != -1:
            spans.append((start, start + len(name)))
            start = text.find(name, start + 1)
    return spans


def _unknown_words(ctx: CheckContext, tokens: dict[int, list[tuple[int, str]]]) -> list[Finding]:
    words = dictionary()
    heads = set(ctx.terms.name_heads)
    seen: dict[str, list] = {}
    order: list[str] = []
    for block in ctx.doc.blocks:
        toks = tokens.get(block.index)
        if not toks:
            continue
        text = block.text
        names = _name_spans(ctx, text)
        spans: list[list[int]] = []
        previous_word = ""
        for pos, token in toks:
            end = pos + len(token)
            unknown = THAI_WORD.match(token) and token not in words
            if unknown and not (previous_word in heads):
                if spans and spans[-1][1] == pos:
                    spans[-1][1] = end
                else:
                    spans.append([pos, end])
            if token.strip():
                previous_word = token if not unknown else previous_word
        for start, end in spans:
            word = text[start:end]
            if len(word) == 1 or (len(word) <= 4 and "." in text[end : end + 1] + text[start - 1 : start]):
                continue
            if ctx.claimed(block, start, end) or any(s < end and start < e for s, e in names):
                continue
            if word not in seen:
                seen[word] = []
                order.append(word)
            seen[word].append((block, start, end))
    found = []
    for word in order:
        places = seen[word]
        block, start, end = places[0]
        ws, we = _word_span(tokens[block.index], start, end)
        context_word = block.text[ws:we]
        hints: list[str] = []
        for candidate in _around(tokens[block.index], start, end):
            close = closest_word(candidate)
            if close:
                hints.append(close)
        if not hints:
            hints += list(suggestions(word))
        hints = list(dict.fromkeys(hints))[:3]
        more = ""
        if len(places) > 1:
            others = ", ".join(_where(b) for b, _, _ in places[1:6])
            more = f" (พบ {len(places)} ครั้ง: {others})"
        found.append(ctx.finding(
            RULE, "spelling.unknown-word", "warning", block,
            f"ไม่พบคำ \"{word}\" ในพจนานุกรม (ในคำว่า \"{context_word}\"){more}",
            f"\"{word}\" (in \"{context_word}\") is not in the dictionary" + (f" ({len(places)} times)" if more else ""),
            start=start, end=end,
            fix_th=("ตรวจการสะกด เช่น " + " / ".join(hints)) if hints else "ตรวจการสะกด หรือเพิ่มในรายการคำ official_terms",
            fix_en=("check the spelling, e.g. " + " / ".join(hints)) if hints else "check the spelling, or add it to official_terms",
            suggestions=hints,
        ))
    return found


def _around(tokens: list[tuple[int, str]], start: int, end: int) -> list[str]:
    """The unknown piece with the words next to it: ภรณ์ → เจตนาภรณ์, the word a reader would correct."""
    idx = [i for i, (o, t) in enumerate(tokens) if o < end and start < o + len(t)]
    if not idx:
        return []
    first, last = idx[0], idx[-1]
    piece = lambda a, b: "".join(t for _, t in tokens[a : b + 1])  # noqa: E731
    out = []
    for a, b in ((first - 1, last), (first - 2, last), (first, last + 1), (first - 1, last + 1)):
        if a >= 0 and b < len(tokens) and not any(not t.strip() for _, t in tokens[a : b + 1]):
            out.append(piece(a, b))
    return out


def _where(block: Block) -> str:
    if block.line is not None:
        return f"บรรทัด {block.line}"
    return f"ย่อหน้า {block.index}"


# --- close variants of the document's own vocabulary ------------------------------------------------------

def _vocabulary(ctx: CheckContext, tokens: dict[int, list[tuple[int, str]]]) -> list[str]:
    spec = ctx.terms.vocabulary
    counts = Counter(t for toks in tokens.values() for _, t in toks if len(t) >= spec.min_length)
    words = dictionary()
    confusable = ctx.terms.confusable_words
    vocab = {w for w, n in counts.items() if n >= spec.min_count and w in words}
    vocab |= {w for w in ctx.terms.official_terms if len(w) >= spec.min_length}
    return sorted(w for w in vocab if not any(c in w for c in confusable))


def _near_misses(ctx: CheckContext, tokens: dict[int, list[tuple[int, str]]]) -> list[Finding]:
    """Rare, unknown variants of the document's frequent long words, starting and ending on word boundaries."""
    vocab = _vocabulary(ctx, tokens)
    if not vocab:
        return []
    blocks = [b for b in ctx.doc.blocks if b.index in tokens]
    starts, parts, boundaries, pos = [], [], set(), 0
    for b in blocks:
        starts.append(pos)
        parts.append(b.text)
        for offset, token in tokens[b.index]:
            boundaries.update((pos + offset, pos + offset + len(token)))
        pos += len(b.text) + 1
    text = "\n".join(parts)
    words = dictionary()
    spec = ctx.terms.vocabulary

    def tokens_in(a: int, b: int) -> list[str]:
        i = bisect.bisect_right(starts, a) - 1
        base = starts[i]
        return [t for o, t in tokens[blocks[i].index] if a <= base + o and base + o + len(t) <= b]

    hits: dict[int, tuple[int, str, str]] = {}
    for w in vocab:
        allowed = spec.allowed(len(w))
        if not allowed:
            continue
        uses = text.count(w)
        k = max(3, len(w) // 2)
        for anchor, at_start in ((w[:k], True), (w[-k:], False)):
            p = text.find(anchor)
            while p != -1:
                origin = p if at_start else p + k - len(w)
                on_boundary = p in boundaries if at_start else p + k in boundaries
                if on_boundary and text[origin : origin + len(w)] != w:
                    cand = _closest(text, p, k, w, allowed, at_start, boundaries)
                    if cand is not None:
                        start, candidate, d = cand
                        rare = text.count(candidate) * 3 <= uses
                        if rare and candidate not in words and _implausible(tokens_in(start, start + len(candidate))):
                            prev = hits.get(start)
                            if prev is None or d < prev[0]:
                                hits[start] = (d, candidate, w)
                p = text.find(anchor, p + 1)
    found = []
    for start, (d, candidate, w) in sorted(hits.items()):
        i = bisect.bisect_right(starts, start) - 1
        block = blocks[i]
        local = start - starts[i]
        end = local + len(candidate)
        if end > len(block.text) or ctx.claimed(block, local, end):
            continue
        found.append(ctx.finding(
            RULE, "spelling.variant", "warning", block,
            f"\"{candidate}\" น่าจะสะกดผิด: ใกล้กับคำ \"{w}\" ที่ใช้ในเอกสารนี้ แต่ไม่มีในพจนานุกรม",
            f"\"{candidate}\" is probably misspelt: close to \"{w}\", which this document uses, and not in the dictionary",
            start=local, end=end, claim=True, fix_th=f"แก้เป็น \"{w}\"", fix_en=f"write \"{w}\"",
        ))
    return found


def _implausible(words: list[str]) -> bool:
    """A variant made of real but unlikely words (นิค, a lone syllable นิ) or of unknown pieces: what a
    letter typed wrong inside a long word leaves behind. Common words (เพื่อใช้, มีงบประมาณ) are phrases."""
    freq = frequencies()
    for w in words:
        if not THAI_WORD.match(w) or w not in dictionary():
            return True
        n = freq.get(w)
        if n is None:
            if len(w) <= 2:
                return True
        elif n < 1000 or (len(w) <= 2 and n < 10000):
            return True
    return False


def _closest(text: str, p: int, k: int, w: str, allowed: int, at_start: bool,
             boundaries: set[int]) -> tuple[int, str, int] | None:
    """The closest variant of ``w`` at this anchor that the dictionary does not know, if any is close enough."""
    best = None
    words = dictionary()
    for length in range(len(w) - allowed, len(w) + allowed + 1):
        start = p if at_start else p + k - length
        end = start + length
        if start < 0 or start not in boundaries or end not in boundaries:
            continue
        candidate = text[start:end]
        if candidate in words or not THAI_WORD.match(candidate):
            continue
        d = edit_distance(candidate, w, allowed)
        if 0 < d <= allowed and (best is None or d < best[2]):
            best = (start, candidate, d)
    return best
