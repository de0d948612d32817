"""The gold documents by site, and their train/dev split.

The split is by site (a page's host), so that no site has pages on both sides: the
hidden evaluation is of sites the extractor never saw. It is written down in
``evaluation/split.tsv`` (``python -m innograph.evaluation.split`` writes it again) and
is fixed: a site goes to dev when the SHA-256 of its host falls in the lowest
``DEV_SHARE`` of the hash range.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

DEV_SHARE = 0.3
SPLIT_FILE = Path(__file__).with_name("split.tsv")
# Pages invented for this project, with their gold: one folder per set ("set1", ...).
INVENTED_DIR = Path(__file__).with_name("invented")
# Gold sets and the folders holding their texts, under the shared folder.
GOLD_SETS = {"dev": ("gold/dev", ("seeds", "corpus")), "dev2": ("gold/dev2", ("corpus2",))}


def shared_dir() -> Path:
    """The shared folder: INNOGRAPH_SHARED_DIR, else ../shared beside the checkout."""
    env = os.environ.get("INNOGRAPH_SHARED_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "shared"


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One gold-annotated document: its gold file, text file, site and split."""

    name: str
    gold: Path
    text: Path
    site: str
    split: str


def _host(source: str) -> str:
    if source.startswith("github:"):
        return source.split(":")[1]  # a repository named as the source
    host = urlsplit(source.strip()).hostname or source.strip()
    # The registered domain: news.uliege.be and recherche.uliege.be are one site.
    return ".".join(host.split(".")[-2:])


def _sources(folder: Path) -> dict[str, str]:
    """File name -> site, from a folder's SOURCES.md table (the last column is the URL)."""
    sites: dict[str, str] = {}
    path = folder / "SOURCES.md"
    if not path.exists():
        return sites
    for line in path.read_text("utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].endswith(".txt"):
            sites[cells[0]] = _host(cells[-1].split(" ")[0])
    return sites


def _dev_site(site: str) -> bool:
    digest = int(hashlib.sha256(site.encode()).hexdigest()[:8], 16)
    return digest / 0xFFFFFFFF < DEV_SHARE


def gold_docs(shared: Path | None = None) -> list[GoldDoc]:
    """Every gold document of both sets with its site and split.

    gold/dev (the 16 first documents, which the rules were first written against) is its
    own split "dev"; gold/dev2 is split by site into "train" and "test".
    """
    shared = shared or shared_dir()
    docs: list[GoldDoc] = []
    for set_name, (gold_folder, text_folders) in GOLD_SETS.items():
        sites: dict[str, str] = {}
        for folder in text_folders:
            sites.update(_sources(shared / folder))
        for gold in sorted((shared / gold_folder).glob("*.json")):
            name = gold.stem + ".txt"
            text = next(
                (shared / f / name for f in text_folders if (shared / f / name).exists()), None
            )
            if text is None:
                continue
            site = sites.get(name, "seed:" + name)
            split = "dev" if set_name == "dev" else ("test" if _dev_site(site) else "train")
            docs.append(GoldDoc(name, gold, text, site, split))
    return docs


def invented_docs() -> list[GoldDoc]:
    """The pages written for this project, with their gold (``evaluation/invented/``):
    each set is its own split ("invented1", "invented2"), each page its own site. Their
    names and sentences are invented, so they may live in the repository; nobody tuned
    the extractor on a set before it was scored (the README of the folder says which set
    has been read since)."""
    docs: list[GoldDoc] = []
    for folder in sorted(p for p in INVENTED_DIR.glob("set*") if p.is_dir()):
        split = "invented" + folder.name.removeprefix("set")
        for gold in sorted(folder.glob("*.json")):
            text = gold.with_suffix(".txt")
            if text.exists():
                docs.append(GoldDoc(text.name, gold, text, "invented:" + text.name, split))
    return docs


def written_split() -> dict[str, str]:
    """The split as written in split.tsv: document name -> split."""
    rows = SPLIT_FILE.read_text("utf-8").splitlines()[1:]
    return {name: split for name, _site, split in (r.split("\t") for r in rows)}


def main() -> int:
    docs = gold_docs()
    lines = ["doc\tsite\tsplit"] + [f"{d.name}\t{d.site}\t{d.split}" for d in docs]
    SPLIT_FILE.write_text("\n".join(lines) + "\n", "utf-8")
    counts: dict[str, int] = {}
    for d in docs:
        counts[d.split] = counts.get(d.split, 0) + 1
    print(f"wrote {SPLIT_FILE}: {counts}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
