"""Search by name: the index both stores build once per graph version, and its ranking.

A query and every name and alias are compared normalised (:func:`normalise`: folded
case and accents, punctuation as single spaces). An entity's tier is the best one any
of its texts reaches: 0 exact, 1 prefix, 2 word prefix, 3 substring, 4 fuzzy (rapidfuzz
``ratio`` >= FUZZY_THRESHOLD against a whole text or one of its longer words). Results
go by tier, then fuzzy score (higher first), then folded name, name and id. Fuzzy
matches are only looked for when the better tiers leave room in the answer.

:class:`SearchIndex` finds each tier without looking at every name:

* tiers 0-2: the word starts of all texts, sorted, so the texts having a word that
  begins with the query are one range found by bisection;
* tier 3: the texts holding all the query's trigrams (an inverted index), checked for
  the whole query;
* tier 4: a character-count bound (:class:`_FuzzyFilter`) narrows the fuzzy choices to
  those that could reach the threshold, and rapidfuzz scores them best bound first,
  stopping once no unscored choice can enter the answer.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np
from rapidfuzz import fuzz, process

from innograph.graph.algorithms import expand_types
from innograph.graph.types import Node
from innograph.ontology.ids import fold

# Fuzzy matches below this rapidfuzz ratio (0-100) are not search results.
FUZZY_THRESHOLD = 80.0
# Words shorter than this are not fuzzy-matched one by one (too many false friends).
FUZZY_MIN_WORD = 4

_NON_ALNUM = re.compile(r"[^0-9a-z]+")
# Above every character: ``prefix + _TOP`` bounds the strings that start with ``prefix``.
_TOP = "\U0010ffff"
# A rank needs 32 bits at most; the tier sits above it in one int64 sort key.
_RANK_BITS = 32
_RANK_MASK = (1 << _RANK_BITS) - 1


def normalise(text: str) -> str:
    """Folded text with every run of non-alphanumerics turned into one space."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()


@dataclass(frozen=True, slots=True)
class SearchEntry:
    """A node as search sees it: normalised name first, then normalised aliases."""

    id: str
    type: str
    name: str
    texts: tuple[str, ...]
    sort_name: str

    @classmethod
    def of(cls, node: Node) -> SearchEntry:
        """The search entry of a node (name and ``properties["aliases"]``)."""
        folded = fold(node.name)  # folded once: the sort name and the first text
        texts = [_NON_ALNUM.sub(" ", folded).strip()]
        for alias in node.properties.get("aliases", ()) or ():
            norm = normalise(str(alias))
            if norm and norm not in texts:
                texts.append(norm)
        return cls(node.id, node.type, node.name, tuple(texts), folded)


class SearchIndex:
    """Search entries prepared once (per graph version) for fast queries.

    The word-start index is built at once; the trigram index and the fuzzy filter on
    the first query that needs them.
    """

    def __init__(self, entries: Iterable[SearchEntry]) -> None:
        self.entries = list(entries)
        count = len(self.entries)
        # Every entry's place in the tie order (folded name, name, id): sort keys are ints.
        tie_keys = [(e.sort_name, e.name, e.id) for e in self.entries]
        by_name = sorted(range(count), key=tie_keys.__getitem__)
        self._by_rank = np.array(by_name, dtype=np.int64)
        self._rank = np.empty(count, dtype=np.int64)
        self._rank[self._by_rank] = np.arange(count, dtype=np.int64)
        self._type_names = sorted({e.type for e in self.entries})
        codes = {name: code for code, name in enumerate(self._type_names)}
        self._type_code = np.fromiter((codes[e.type] for e in self.entries), np.int64, count)

        texts = [text for entry in self.entries for text in entry.texts]
        owners = [index for index, entry in enumerate(self.entries) for _ in entry.texts]
        # Unique fuzzy choice -> the entries it belongs to (common words repeat a lot).
        choice_owners: dict[str, list[int]] = {}
        owners_of = choice_owners.setdefault
        for text, index in zip(texts, owners, strict=True):
            owners_of(text, []).append(index)
            if " " in text:
                for word in text.split():
                    if len(word) >= FUZZY_MIN_WORD:
                        owners_of(word, []).append(index)
        self._texts = texts
        self._text_owner = np.array(owners, dtype=np.int64)
        self._text_len = np.fromiter(map(len, texts), np.int64, len(texts))
        self._words = _WordStarts(texts)
        self._trigrams: _Trigrams | None = None
        self._choices = list(choice_owners)
        # The owners of choice c: _owner_flat[_owner_start[c] : _owner_start[c + 1]].
        sizes = np.fromiter(map(len, choice_owners.values()), np.int64, len(choice_owners))
        self._owner_start = np.concatenate(([0], np.cumsum(sizes)))
        self._owner_flat = np.fromiter(
            (o for group in choice_owners.values() for o in group),
            np.int64,
            int(self._owner_start[-1]),
        )
        self._filter: _FuzzyFilter | None = None

    def rank(self, query: str, *, types: Sequence[str] = (), limit: int = 20) -> list[str]:
        """Ids of the best matches of a normalised query (see :func:`rank_search`)."""
        if not query or limit <= 0 or not self.entries:
            return []
        allowed = self._allowed(types)
        # Tiers 0-2: the texts with a word starting with the query.
        lo, hi = self._words.range(query)
        text_ids = self._words.text[lo:hi]
        at_start = self._words.at_start[lo:hi]
        tiers = np.where(at_start, np.where(self._text_len[text_ids] == len(query), 0, 1), 2)
        # (Fewer texts than ``limit`` cannot fill the answer: no need to rank them yet.)
        found = self._best(text_ids, tiers, allowed, limit) if hi - lo >= limit else None
        if found is None or len(found) < limit:
            # Tier 3: every text holding the query (those at a word start keep their tier).
            if self._trigrams is None:
                self._trigrams = _Trigrams(self._texts)
            holding = self._trigrams.containing(query, self._texts)
            text_ids = np.concatenate((text_ids, holding))
            tiers = np.concatenate((tiers, np.full(len(holding), 3, dtype=tiers.dtype)))
            found = self._best(text_ids, tiers, allowed, limit)
        ranked = self._by_rank[found & _RANK_MASK].tolist()
        if len(ranked) < limit:
            ranked += self.fuzzy(query, need=limit - len(ranked), exclude=ranked, types=types)
        return [self.entries[i].id for i in ranked]

    def _allowed(self, types: Sequence[str]) -> np.ndarray | None:
        """Which type codes ``types`` (with their subtypes) select; None: all."""
        if not types:
            return None
        wanted = expand_types(types)
        return np.array([t in wanted for t in self._type_names], dtype=np.bool_)

    def _best(
        self, text_ids: np.ndarray, tiers: np.ndarray, allowed: np.ndarray | None, limit: int
    ) -> np.ndarray:
        """Sort keys (tier, rank) of the ``limit`` best entries owning these texts."""
        owners = self._text_owner[text_ids]
        keys = (tiers.astype(np.int64) << _RANK_BITS) | self._rank[owners]
        if allowed is not None:
            keys = keys[allowed[self._type_code[owners]]]
        # An entry's smallest key is its best; the ``limit`` best entries are usually
        # among the few smallest keys, so those are tried first.
        room = 4 * limit + 64
        if len(keys) > room:
            first = _first_per_entry(np.partition(keys, room - 1)[:room])
            if len(first) >= limit:
                return first[:limit]
        return _first_per_entry(keys)[:limit]

    def fuzzy(
        self,
        query: str,
        *,
        need: int | None = None,
        exclude: Sequence[int] = (),
        types: Sequence[str] = (),
    ) -> dict[int, float]:
        """Entry index -> best fuzzy score at or above FUZZY_THRESHOLD, best first (ties
        in name order), leaving out the entries in ``exclude`` and, with ``types``, those
        of other types. With ``need``, only the ``need`` best, found without scoring the
        choices that could not change them; without, every match.
        """
        if need is not None and need <= 0:
            return {}
        allowed = self._allowed(types)
        excluded = None
        if len(exclude):  # a mask: quicker to look up than np.isin on every chunk
            excluded = np.zeros(len(self.entries), dtype=np.bool_)
            excluded[np.asarray(exclude, dtype=np.int64)] = True
        if len(self._choices) <= _FUZZY_FILTER_MIN:  # few: scoring all is as quick
            positions = np.arange(len(self._choices))
            bounds = np.full(len(positions), _MAX_MICRO, dtype=np.int64)
            min_rank = np.zeros(len(positions), dtype=np.int64)  # no order to cut by
        else:
            if self._filter is None:
                self._filter = _FuzzyFilter(
                    self._choices, self._owner_start, self._owner_flat, self._rank
                )
            positions, bounds = self._filter.candidates(query)
            min_rank = self._filter.min_rank
        if need is None:
            entries, scores = self._ranked(*self._hits(query, positions, allowed, excluded))
            return dict(zip(entries.tolist(), (scores / _MICRO).tolist(), strict=True))
        # Best bound first, ties by the best rank among a choice's owners: once ``need``
        # entries score above the next bound, or tie it with names that sort no later,
        # no choice left can change the answer.
        found: list[tuple[np.ndarray, np.ndarray]] = []
        entries = scores = np.empty(0, dtype=np.int64)
        done, end, step = 0, len(positions), max(4 * need, _FIRST_CHUNK)
        while done < end:
            if len(scores) >= need and scores[need - 1] >= bounds[done]:
                if scores[need - 1] > bounds[done]:
                    break  # nothing left reaches the worst of the answer
                # What is left can only tie with the worst of the answer, and enters only
                # by a name that sorts first: a prefix of this bound's choices.
                bound_end = int(np.searchsorted(-bounds, -bounds[done], side="right"))
                rest = min_rank[positions[done:bound_end]]
                end = done + int(np.searchsorted(rest, self._rank[entries[need - 1]]))
                if done >= end:
                    break
            chunk = positions[done : min(done + step, end)]
            done += len(chunk)
            step *= 2
            hits = self._hits(query, chunk, allowed, excluded)
            if len(hits[0]):
                found.append(hits)
                entries, scores = self._ranked(
                    np.concatenate([e for e, _ in found]), np.concatenate([s for _, s in found])
                )
        entries, scores = entries[:need], scores[:need]
        return dict(zip(entries.tolist(), (scores / _MICRO).tolist(), strict=True))

    def _hits(
        self,
        query: str,
        positions: np.ndarray,
        allowed: np.ndarray | None,
        excluded: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The entries owning these choices that score >= FUZZY_THRESHOLD (and are
        allowed, not excluded), each with that score in millionths."""
        scores = process.cdist(
            [query],
            _pick(self._choices, positions.tolist()),
            scorer=fuzz.ratio,
            score_cutoff=FUZZY_THRESHOLD,
            dtype=np.float64,
        )[0]
        hits = np.flatnonzero(scores)  # a score below the cutoff is 0
        choices = positions[hits]
        micros = np.rint(scores[hits] * _MICRO).astype(np.int64)
        start = self._owner_start[choices]
        count = self._owner_start[choices + 1] - start
        if (count == 1).all():  # the common case: one owner each
            entries = self._owner_flat[start]
        else:
            micros = np.repeat(micros, count)
            first = np.cumsum(count) - count
            entries = self._owner_flat[
                np.repeat(start - first, count) + np.arange(int(count.sum()))
            ]
        keep = np.ones(len(entries), dtype=np.bool_)
        if allowed is not None:
            keep &= allowed[self._type_code[entries]]
        if excluded is not None:
            keep &= ~excluded[entries]
        return entries[keep], micros[keep]

    def _ranked(self, entries: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each entry once with its best score, best first, ties in name order."""
        order = np.lexsort((self._rank[entries], -scores))
        entries, scores = entries[order], scores[order]
        _, first = np.unique(entries, return_index=True)
        first.sort()
        return entries[first], scores[first]


def rank_search(
    query: str,
    entries: SearchIndex | Sequence[SearchEntry],
    *,
    types: Sequence[str] = (),
    limit: int = 20,
) -> list[str]:
    """Ids of the best matches: exact > prefix > word prefix > substring > fuzzy.

    Case- and accent-insensitive on name and aliases. Ties: fuzzy score (higher first),
    then folded name, then name, then id. ``types`` include their subtypes.
    """
    q = normalise(query)
    if not q or limit <= 0:
        return []
    index = entries if isinstance(entries, SearchIndex) else SearchIndex(entries)
    return index.rank(q, types=types, limit=limit)


def _first_per_entry(keys: np.ndarray) -> np.ndarray:
    """Sorted (tier, rank) keys, only the first (best) of each rank kept."""
    keys = np.unique(keys)
    _, first = np.unique(keys & _RANK_MASK, return_index=True)
    kept: np.ndarray = keys[np.sort(first)]
    return kept


def _pick(items: Sequence[str], positions: Sequence[int]) -> Sequence[str]:
    """``items`` at ``positions`` (itemgetter gives a tuple from two positions on)."""
    if len(positions) >= 2:
        picked: tuple[str, ...] = itemgetter(*positions)(items)
        return picked
    return [items[p] for p in positions]


class _WordStarts:
    """Every suffix of every text that begins a word, sorted: a prefix is one range."""

    def __init__(self, texts: Sequence[str]) -> None:
        # Each text itself, then the rest of it after each space.
        suffixes = list(texts)
        text_of = list(range(len(texts)))
        for index, text in enumerate(texts):
            pos = text.find(" ")
            while pos >= 0:
                suffixes.append(text[pos + 1 :])
                text_of.append(index)
                pos = text.find(" ", pos + 1)
        order = sorted(range(len(suffixes)), key=suffixes.__getitem__)
        self.suffixes = [suffixes[i] for i in order]
        ordered = np.array(order, dtype=np.int64)
        self.text = np.array(text_of, dtype=np.int64)[ordered]
        self.at_start = ordered < len(texts)

    def range(self, prefix: str) -> tuple[int, int]:
        """The positions of the suffixes that start with ``prefix``."""
        lo = bisect_left(self.suffixes, prefix)
        return lo, bisect_left(self.suffixes, prefix + _TOP, lo)


class _Trigrams:
    """Inverted index: each run of three characters -> the texts holding it."""

    def __init__(self, texts: Sequence[str]) -> None:
        lengths = np.fromiter(map(len, texts), np.int64, len(texts))
        # All texts in one newline-separated string, for queries too short for trigrams.
        self.blob = "\n".join(texts)
        self.blob_starts = (np.cumsum(lengths + 1) - lengths - 1).tolist()
        codes = _codes(self.blob)
        # Text of every character position (the separator counts with the text before).
        owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths + 1)[: len(codes)]
        keys = (codes[:-2] << 42) | (codes[1:-1] << 21) | codes[2:]
        owner = owner[:-2]
        inside = (codes[:-2] != 10) & (codes[1:-1] != 10) & (codes[2:] != 10)
        keys, owner = keys[inside], owner[inside]
        # Stable: texts stay in order within a trigram; then each (trigram, text) once.
        order = np.argsort(keys, kind="stable")
        keys, owner = keys[order], owner[order]
        fresh = np.ones(len(keys), dtype=np.bool_)
        fresh[1:] = (keys[1:] != keys[:-1]) | (owner[1:] != owner[:-1])
        keys, self.texts = keys[fresh], owner[fresh]
        heads = np.ones(len(keys), dtype=np.bool_)
        heads[1:] = keys[1:] != keys[:-1]
        self.starts = np.flatnonzero(np.append(heads, True))
        self.keys = keys[heads]

    def _scan(self, query: str) -> np.ndarray:
        """Indexes of the texts that contain ``query``, by a C-speed scan of them all."""
        found: list[int] = []
        blob, starts = self.blob, self.blob_starts
        pos = blob.find(query)
        while pos >= 0:
            text = bisect_right(starts, pos) - 1
            found.append(text)
            following = starts[text + 1] if text + 1 < len(starts) else len(blob)
            pos = blob.find(query, following)
        return np.array(found, dtype=np.int64)

    def containing(self, query: str, texts: Sequence[str]) -> np.ndarray:
        """Indexes of the texts that contain ``query``."""
        if len(query) < 3:  # no trigram to look up: scan every text
            return self._scan(query)
        codes = _codes(query)
        wanted = np.unique((codes[:-2] << 42) | (codes[1:-1] << 21) | codes[2:])
        at = np.searchsorted(self.keys, wanted)
        if int(at.max()) >= len(self.keys) or not np.array_equal(self.keys[at], wanted):
            return np.empty(0, dtype=np.int64)  # a trigram no text holds
        sizes = self.starts[at + 1] - self.starts[at]
        # Intersect the rarest lists (they are sorted and hold each text once).
        rarest = np.argsort(sizes)
        first = at[rarest[0]]
        found = self.texts[self.starts[first] : self.starts[first + 1]]
        for other in rarest[1:3].tolist():
            if len(found) <= 16:
                break
            lo, hi = self.starts[at[other]], self.starts[at[other] + 1]
            found = np.intersect1d(found, self.texts[lo:hi], assume_unique=True)
        return np.array([i for i in found.tolist() if query in texts[i]], dtype=np.int64)


def _codes(text: str) -> np.ndarray:
    """The code points of ``text`` as int64 (each fits in 21 bits)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(
        np.int64
    )


# A character token held by more than 1/_DENSE_SHARE of the choices is kept as a mask.
_DENSE_SHARE = 32
# Below this many fuzzy choices, scoring them all is as quick as filtering them first.
_FUZZY_FILTER_MIN = 5000
# Fuzzy scores and bounds are compared in millionths (scores are given to 6 decimals).
_MICRO = 1_000_000
_MAX_MICRO = 100 * _MICRO
# Fuzzy choices scored per rapidfuzz call at first (a call costs about as much as
# scoring a few hundred short choices, so fewer, larger calls win).
_FIRST_CHUNK = 256


class _FuzzyFilter:
    """The choices that could score FUZZY_THRESHOLD with ``fuzz.ratio``, found by counting.

    ``fuzz.ratio`` is ``100 * (1 - indel / (la + lb))`` and ``indel = la + lb - 2 * lcs``,
    so a score of 80 needs ``5 * lcs >= 2 * (la + lb)``. The longest common subsequence
    is at most the characters the two strings have in common (as multisets), which an
    inverted index of (character, n-th occurrence) -> choices counts for every choice
    at once with numpy. A bound, never an estimate: no match is lost; the same count
    bounds each candidate's score (``200 * common / (la + lb)``) for best-first scoring.
    """

    def __init__(
        self,
        choices: Sequence[str],
        owner_start: np.ndarray,
        owner_flat: np.ndarray,
        rank: np.ndarray,
    ) -> None:
        self.size = len(choices)
        # The best tie rank among each choice's owners (every choice has one at least).
        self.min_rank = (
            np.minimum.reduceat(rank[owner_flat], owner_start[:-1])
            if self.size
            else np.empty(0, dtype=np.int64)
        )
        # Positions sorted by length (the lengths a query can match are one slice), then
        # by best owner rank (each bound's candidates come out in tie order).
        # int64 throughout: searching an int32 array for a Python int copies the array.
        lengths = np.fromiter(map(len, choices), dtype=np.int64, count=self.size)
        self.order = np.lexsort((self.min_rank, lengths))
        self.lengths = lengths[self.order]
        # Every character of every choice (in length order) as (choice rank, code point).
        ranked = [choices[p] for p in self.order.tolist()]
        codes = np.frombuffer("".join(ranked).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        owners_of = np.repeat(np.arange(self.size, dtype=np.int64), self.lengths)
        # Its occurrence number within its choice: the rank in its run of equal pairs.
        by_pair = np.lexsort((codes, owners_of))
        codes, owners_of = codes[by_pair].astype(np.int64), owners_of[by_pair]
        new_run = np.ones(len(codes), dtype=np.bool_)
        new_run[1:] = (codes[1:] != codes[:-1]) | (owners_of[1:] != owners_of[:-1])
        steps = np.arange(len(codes))
        nth = steps - np.maximum.accumulate(np.where(new_run, steps, 0)) + 1
        # Token (character, n-th occurrence) as one integer; no n-th reaches the stride.
        self.stride = int(self.lengths[-1]) + 1 if self.size else 1
        # Where each length starts in the length-sorted order (lengths 0 .. stride).
        self.length_starts = np.searchsorted(self.lengths, np.arange(self.stride + 1))
        tokens = codes * self.stride + nth
        by_token = np.lexsort((owners_of, tokens))
        tokens, owners_of = tokens[by_token], owners_of[by_token]
        bounds = np.flatnonzero(np.diff(tokens)) + 1
        # Tokens many choices hold are membership masks (adding masks is much quicker than
        # counting long position lists); rare ones stay position lists.
        self.masks: dict[int, np.ndarray] = {}
        self.postings: dict[int, np.ndarray] = {}
        for start, stop in zip([0, *bounds.tolist()], [*bounds.tolist(), len(tokens)], strict=True):
            if stop <= start:
                continue
            token, holders = int(tokens[start]), owners_of[start:stop]
            if len(holders) * _DENSE_SHARE > self.size:
                mask = np.zeros(self.size, dtype=np.uint8)
                mask[holders] = 1
                self.masks[token] = mask
            else:
                self.postings[token] = holders.astype(np.int64)

    def candidates(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """The choices whose shared characters allow a score >= 80, and that bound on
        each one's score (``200 * shared / (la + lb)``, in millionths): best bound first,
        choices of one bound in the order of their best owner's rank."""
        length = len(query)
        # lcs <= min(la, lb), so 5 * min(la, lb) >= 2 * (la + lb) bounds lb to a window.
        lo = int(np.searchsorted(self.lengths, -(-2 * length // 3), side="left"))
        hi = int(np.searchsorted(self.lengths, 3 * length // 2, side="right"))
        if lo >= hi:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        seen: dict[str, int] = {}
        # Small counters move little memory; a count never exceeds the query's length.
        shared: np.ndarray = np.zeros(hi - lo, dtype=np.uint8 if length < 2**8 else np.int64)
        for char in query:
            nth = seen.get(char, 0) + 1
            seen[char] = nth
            if nth >= self.stride:
                continue  # no choice holds this character that often
            token = ord(char) * self.stride + nth
            mask = self.masks.get(token)
            if mask is not None:
                shared += mask[lo:hi]
                continue
            holders = self.postings.get(token)
            if holders is not None:
                start, stop = np.searchsorted(holders, (lo, hi))
                if stop > start:
                    shared[holders[start:stop] - lo] += 1  # each choice once per token
        # Per choice length (a run of the window): 5 * shared >= 2 * (la + lb).
        groups: dict[int, list[np.ndarray]] = {}
        starts = self.length_starts
        for other in range(int(self.lengths[lo]), int(self.lengths[hi - 1]) + 1):
            start, stop = int(starts[other]), int(starts[other + 1])
            need = -(-2 * (length + other) // 5)
            if start >= stop or need > min(length, other):
                continue
            counts = shared[start - lo : stop - lo]
            where = np.flatnonzero(counts >= need)
            if not len(where):
                continue
            found, held = self.order[start + where], counts[where]
            total = length + other
            for common in range(need, min(length, other) + 1):
                level = found[held == common]
                if len(level):
                    # Rounded half up, like the scores.
                    bound = (400 * _MICRO * common + total) // (2 * total)
                    groups.setdefault(bound, []).append(level)
        positions: list[np.ndarray] = []
        bounds: list[np.ndarray] = []
        for bound in sorted(groups, reverse=True):
            parts = groups[bound]
            level = parts[0] if len(parts) == 1 else np.concatenate(parts)
            if len(parts) > 1:  # several lengths share the bound: merge by rank
                level = level[np.argsort(self.min_rank[level], kind="stable")]
            positions.append(level)
            bounds.append(np.full(len(level), bound, dtype=np.int64))
        if not positions:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return np.concatenate(positions), np.concatenate(bounds)
