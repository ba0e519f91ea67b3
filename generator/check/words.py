"""Thai words: the dictionary (pythainlp's words plus the checker's official terms and every type's titles),
newmm tokens, corpus frequencies and close-word suggestions — shared by the spelling and name rules.

pythainlp runs offline (PYTHAINLP_OFFLINE/READ_ONLY) and only with the newmm tokenizer.
"""

from __future__ import annotations

import difflib
import hashlib
import os
import pickle
import re
import tempfile
from collections import defaultdict
from functools import cache
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from generator import paths  # noqa: E402
from generator.check.outline import edit_distance  # noqa: E402
from generator.check.terms import terms  # noqa: E402

THAI_WORD = re.compile(r"^[\u0E01-\u0E2E\u0E30-\u0E45\u0E47-\u0E4E]+$")
TOKENS_RECIPE = "newmm-keep-whitespace-v1"  # part of the kept tokens' file name: change it when ``tokenize`` does
MAX_TOKENIZED = 20_000  # texts kept between processes (about 0.7 kB each)


@cache
def dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    from generator import catalog
    from generator.check.terms import type_terms

    words = set(thai_words()) | set(terms().official_terms)
    for kind in catalog.org_types():
        words.update(w for w in type_terms(kind.key) if THAI_WORD.match(w))
    return frozenset(words)


@cache
def _prefix_trie_class():
    from pythainlp.util import Trie

    class PrefixTrie(Trie):
        """What newmm asks of a dictionary trie (the words that start at a position), answered from two sets.

        pythainlp's Trie is built node by node in Python, about 0.6 s for its 62,000 words on every run; the
        set of all word prefixes is built in a sixth of that and gives newmm the same words, so the same tokens."""

        def __init__(self, words: frozenset[str]):
            # deliberately not Trie.__init__, which builds the node tree this class exists to avoid
            self.words = words
            self.starts = {w[:i] for w in words for i in range(1, len(w))}
            self._word_count = len(words)

        def prefixes(self, text: str, start: int = 0) -> list[str]:
            found, words, starts = [], self.words, self.starts
            for end in range(start + 1, len(text) + 1):
                piece = text[start:end]
                if piece in words:
                    found.append(piece)
                if piece not in starts:
                    break
            return found

        def __contains__(self, key: str) -> bool:
            return key in self.words

        def __iter__(self):
            return iter(self.words)

        def __len__(self) -> int:
            return len(self.words)

    return PrefixTrie


@cache
def _trie():
    return _prefix_trie_class()(dictionary())


def prepare() -> None:
    """Build the dictionary, the tokenizer's tables and the corpus counts now (a warm process does this once,
    before the builds it forks)."""
    from pythainlp.tokenize import word_tokenize  # noqa: F401

    _trie()
    frequencies()


_tokenized: dict[str, tuple[str, ...]] = {}  # text → its tokens, in this process and kept between checks
_used: set[str] = set()


def tokenize(text: str) -> tuple[str, ...]:
    """newmm words (whitespace kept, so offsets add up); kept, as data and rendered text repeat each other, and
    between processes (``load_tokenized``)."""
    tokens = _tokenized.get(text)
    if tokens is None:
        from pythainlp.tokenize import word_tokenize

        tokens = _tokenized[text] = tuple(word_tokenize(text, custom_dict=_trie(), engine="newmm",
                                                         keep_whitespace=True))
    _used.add(text)
    return tokens


def load_tokenized() -> None:
    """The texts earlier checks tokenized with the same dictionary: a rebuild's check tokenizes only the text
    that changed (tokenizing the example's data and documents takes about a quarter of a second). Not with
    PRONGSAI_CONVERT_CACHE=0, which turns every cache off."""
    if not paths.caches_on():
        return
    try:
        with open(_tokenized_file(), "rb") as kept:
            _tokenized.update(pickle.load(kept))
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError):
        pass


def keep_tokenized() -> None:
    """Write what ``load_tokenized`` reads: every text this process tokenized, and as many of the others as
    MAX_TOKENIZED allows. A folder that cannot be written only means nothing is kept."""
    if not paths.caches_on():
        return
    kept = {text: _tokenized[text] for text in _used}
    for text, tokens in _tokenized.items():
        if len(kept) >= MAX_TOKENIZED:
            break
        kept.setdefault(text, tokens)
    target = _tokenized_file()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tokens-", dir=target.parent)
        with os.fdopen(fd, "wb") as out:
            pickle.dump(kept, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except OSError:
        return
    for stale in target.parent.glob("*.pickle"):
        if stale != target:
            stale.unlink(missing_ok=True)


@cache
def _tokenized_file() -> Path:
    """One file per dictionary: pythainlp's version, the catalog (its terms and titles) and this recipe."""
    from importlib import metadata

    digest = hashlib.sha256(f"{TOKENS_RECIPE}\n{metadata.version('pythainlp')}\n".encode())
    for source in sorted(paths.CATALOG_DIR.rglob("*.yaml")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes())
    return paths.CACHE_DIR / "tokens" / f"{digest.hexdigest()[:32]}.pickle"


@cache
def _buckets() -> dict[str, list[str]]:
    buckets: dict[str, list[str]] = defaultdict(list)
    for word in dictionary():
        buckets[word[:1]].append(word)
    return buckets


@cache
def suggestions(word: str) -> tuple[str, ...]:
    """Close dictionary words (same first letter, similar length); pythainlp's speller for a short word when
    nothing else is close (it explores two edits, which grows fast with the word's length)."""
    pool = [w for w in _buckets().get(word[:1], ()) if abs(len(w) - len(word)) <= 2]
    found = difflib.get_close_matches(word, pool, n=3, cutoff=0.75)
    if not found and len(word) <= 4:
        from pythainlp.spell import spell

        found = [w for w in spell(word) if w != word]
    return tuple(dict.fromkeys(found))[:3]


@cache
def frequencies() -> dict[str, int]:
    """Word counts of the Thai National Corpus (shipped with pythainlp): how common a word is in real text.

    The file pythainlp's ``tnc.word_freqs()`` reads (a word, a tab, its count on each line), read here in one
    pass: the same counts in half the time, which every build's check pays once."""
    from importlib.resources import files

    corpus = files("pythainlp.corpus").joinpath("tnc_freq.txt")
    if not corpus.is_file():  # another pythainlp keeps it elsewhere: ask it
        from pythainlp.corpus import tnc

        return dict(tnc.word_freqs())
    counts = {}
    for line in corpus.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("\t")
        if len(fields) >= 2:
            counts[fields[0]] = int(fields[1])
    return counts


def closest_word(word: str) -> str:
    """The dictionary word closest to ``word`` or to one of its endings (การแสดงเจตนาภรณ์ → เจตนารมณ์)."""
    best, best_key = "", (99, 0)
    buckets = _long_buckets()
    for k in range(0, max(1, len(word) - 3)):
        tail = word[k:]
        allowed = max(1, len(tail) // 4)
        for candidate in buckets.get(tail[:2], ()):
            if abs(len(candidate) - len(tail)) > 2:
                continue
            d = edit_distance(candidate, tail, allowed)
            if 0 < d <= allowed and (d, -len(candidate)) < best_key:
                best, best_key = candidate, (d, -len(candidate))
    return best


@cache
def _long_buckets() -> dict[str, tuple[str, ...]]:
    buckets: dict[str, list[str]] = defaultdict(list)
    for word in dictionary_long():
        buckets[word[:2]].append(word)
    return {k: tuple(v) for k, v in buckets.items()}


@cache
def dictionary_long() -> tuple[str, ...]:
    return tuple(w for w in dictionary() if len(w) >= 6)
