"""What a batch run reads, and how it is cut into partitions (on the client, before any extraction).

An input is a JSONL file (one article per non-blank line, as ``python -m extraction --jsonl`` reads it),
a folder (every .txt/.html/.htm/.pdf/.docx under it, sorted by path) or one article file.  A JSONL file
is cut at line starts every ``partition_size`` articles (a partition is a byte range, so a worker reads
only its own lines); a folder every ``partition_size`` files.  The cut depends only on the inputs and
the size, so a re-run over the same inputs finds the same partitions under the same names.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from extraction.readers import SUPPORTED_EXTENSIONS
from extraction.readers.jsonl import JSONL_SUFFIXES
from gazetteer.errors import InputError

JSONL, FOLDER, FILE = "jsonl", "folder", "file"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Input:
    """One input as given, with what identifies its content.  ``sha256`` is the file's content hash
    for JSONL and single files; for a folder it is the hash of its listing (each file's relative path,
    size and modification time), so a changed, added or removed file changes it without the client
    reading every article twice."""

    path: str  # absolute
    kind: str  # JSONL, FOLDER or FILE
    size: int  # bytes (a folder: its article files together)
    sha256: str
    articles: int  # non-blank lines, or files

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "kind": self.kind, "size": self.size, "sha256": self.sha256,
                "articles": self.articles}


@dataclass(frozen=True, slots=True)
class Partition:
    """A piece of one input extracted as one Dask task: JSONL bytes [start, end) beginning at line
    ``first_line``, or files [start, end) of a folder's sorted listing (``files`` holds them)."""

    name: str  # "part-00000": the file names of its outputs
    input: str
    kind: str
    start: int
    end: int
    first_line: int
    articles: int
    files: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        # The files are not listed (a million names would not fit a readable manifest): the folder's
        # listing hash and [start, end) name them.
        return {"name": self.name, "input": self.input, "kind": self.kind, "start": self.start, "end": self.end,
                "first_line": self.first_line, "articles": self.articles}


@dataclass(frozen=True, slots=True)
class Plan:
    inputs: tuple[Input, ...]
    partitions: tuple[Partition, ...]


def plan(paths: list[str], *, partition_size: int) -> Plan:
    """Read the inputs' sizes and hashes and cut them into partitions; ``InputError`` for an input that
    is missing, unreadable, of an unknown type or given twice."""
    if partition_size < 1:
        raise InputError("--partition-size must be at least 1")
    if not paths:
        raise InputError("give at least one input: a JSONL file, a folder of articles or an article file")
    inputs: list[Input] = []
    partitions: list[Partition] = []
    seen: set[str] = set()
    for given in paths:
        path = Path(given).expanduser().resolve()
        if str(path) in seen:
            raise InputError(f"{given}: given twice")
        seen.add(str(path))
        if path.is_dir():
            found, pieces = _folder(path, partition_size=partition_size)
        elif path.is_file():
            found, pieces = _file(path, partition_size=partition_size)
        elif path.exists():
            raise InputError(f"{given}: not a file or a folder")
        else:
            raise InputError(f"{given}: no such file or folder")
        inputs.append(found)
        for piece in pieces:
            partitions.append(Partition(name=f"part-{len(partitions):05d}", **piece))
    return Plan(tuple(inputs), tuple(partitions))


def _file(path: Path, *, partition_size: int) -> tuple[Input, list[dict]]:
    suffix = path.suffix.lower()
    if suffix not in JSONL_SUFFIXES and suffix not in SUPPORTED_EXTENSIONS:
        raise InputError(f"{path}: not a JSONL file ({', '.join(JSONL_SUFFIXES)}), a folder or an article file "
                         f"({', '.join(SUPPORTED_EXTENSIONS)})")
    if suffix not in JSONL_SUFFIXES:
        digest, size = _hash_file(path)
        return (Input(str(path), FILE, size, digest, 1),
                [dict(input=str(path), kind=FILE, start=0, end=1, first_line=0, articles=1, files=(str(path),))])
    digest = hashlib.sha256()
    pieces: list[dict] = []
    offset = start = first_line = count = 0
    try:
        with path.open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                digest.update(line)
                if line.strip():
                    if count == 0:
                        start, first_line = offset, number
                    count += 1
                    if count == partition_size:
                        pieces.append(dict(input=str(path), kind=JSONL, start=start, end=offset + len(line),
                                           first_line=first_line, articles=count))
                        count = 0
                offset += len(line)
    except OSError as err:
        raise InputError(f"{path}: cannot read it ({err.strerror or err})") from err
    if count:
        pieces.append(dict(input=str(path), kind=JSONL, start=start, end=offset, first_line=first_line,
                           articles=count))
    return Input(str(path), JSONL, offset, digest.hexdigest(), sum(p["articles"] for p in pieces)), pieces


def _folder(path: Path, *, partition_size: int) -> tuple[Input, list[dict]]:
    files: list[tuple[str, int, int]] = []

    def refuse(err: OSError) -> None:
        raise InputError(f"{path}: cannot read the folder {err.filename or ''} ({err.strerror or err})") from err

    for folder, dirs, names in os.walk(path, onerror=refuse):
        dirs.sort()
        for name in names:
            if Path(name).suffix.lower() in SUPPORTED_EXTENSIONS and not name.startswith("."):
                full = Path(folder) / name
                try:
                    stat = full.stat()
                except OSError as err:
                    raise InputError(f"{full}: cannot read it ({err.strerror or err})") from err
                files.append((str(full.relative_to(path)), stat.st_size, stat.st_mtime_ns))
    if not files:
        raise InputError(f"{path}: the folder holds no article files ({', '.join(SUPPORTED_EXTENSIONS)})")
    files.sort()
    listing = hashlib.sha256("".join(f"{name}\0{size}\0{mtime}\n" for name, size, mtime in files).encode())
    pieces = [
        dict(input=str(path), kind=FOLDER, start=i, end=min(i + partition_size, len(files)), first_line=0,
             articles=min(partition_size, len(files) - i),
             files=tuple(str(path / name) for name, _, _ in files[i : i + partition_size]))
        for i in range(0, len(files), partition_size)
    ]
    return Input(str(path), FOLDER, sum(size for _, size, _ in files), listing.hexdigest(), len(files)), pieces


def _hash_file(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError as err:
        raise InputError(f"{path}: cannot read it ({err.strerror or err})") from err
    return digest.hexdigest(), size
