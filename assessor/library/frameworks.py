"""The framework catalogue: what a questionnaire may cite, and each item's title.

The catalogue is data bundled under `questionnaires/frameworks/`, one YAML file per
framework (its stem is the key content cites: `eu-ai-act`, `nist-ai-rmf`, ...). It is
built from the team's reference collection by `import_catalogue`; validation resolves
every reference here and refuses withdrawn or superseded items, and the report prints
titles from here. Loading is lazy: a framework's file is read when first cited.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assessor.atomic_files import write_atomically
from assessor.errors import ContentError, Problem
from assessor.library.located_yaml import SAFE_LOADER, YamlProblem, read_text
from assessor.library.schema_errors import capped, read_model
from assessor.limits import quoted


class CatalogueEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    level: str | None = None
    parent: str | None = None
    aliases: list[str] = Field(default_factory=list)
    status: Literal["withdrawn", "superseded"] | None = None
    note: str | None = None
    #: Printed with every citation of this item, e.g. that it has been superseded.
    caveat: str | None = None


class FrameworkCatalogue(BaseModel):
    """One framework's file."""

    model_config = ConfigDict(extra="forbid")

    framework: str
    title: str
    short_title: str
    #: EU acts: `Art. 9(2)(a)` resolves to `Art. 9`, whose existence is what is checked.
    paragraph_ids: bool = False
    #: Ids that already name their source ("SR 26-2") are cited without the short title.
    ids_name_the_framework: bool = False
    notes: list[str] = Field(default_factory=list)
    entries: list[CatalogueEntry]


@dataclass(frozen=True)
class ResolvedReference:
    """A citation that exists: the framework, the canonical id and its title."""

    framework: str
    framework_title: str
    short_title: str
    id: str
    cited_as: str
    title: str
    caveat: str | None = None

    ids_name_the_framework: bool = False

    @property
    def label(self) -> str:
        """How a report cites it: `EU AI Act Art. 9(2)`, or `SR 26-2` as it stands."""
        if self.ids_name_the_framework:
            return self.cited_as
        return f"{self.short_title} {self.cited_as}"


class UnknownReference(Exception):
    """A citation that does not resolve; the message says why and suggests ids."""


_PARAGRAPH = re.compile(r"^(?P<base>(?:Art\.|Article) \d+[a-z]?)(?P<rest>(?:\(\w{1,4}\))+)$")


class FrameworkIndex:
    """The bundled frameworks and the consultant's own, each loaded on first use.

    A consultant's framework file (in `frameworks/` of their questionnaire folder) has the
    bundled format and is citable like a bundled one. It cannot take the key of a bundled
    framework, since bundled questionnaires cite those; a broken one is listed by
    `problems()` and refused when cited.
    """

    def __init__(self, folder: Path, user_folder: Path | None = None) -> None:
        self.folder = folder
        self.user_folder = user_folder
        self._loaded: dict[str, _Framework] = {}
        self._broken: dict[str, list[Problem]] = {}

    def framework_keys(self) -> list[str]:
        return sorted({*self._keys(self.folder), *self._user_files()})

    def source(self, key: str) -> str:
        """Where a framework comes from: `bundled`, or the path of the consultant's file."""
        if key in self._keys(self.folder):
            return "bundled"
        path = self._user_files().get(key)
        return str(path) if path else "unknown"

    def problems(self) -> list[Problem]:
        """Every problem of the consultant's framework files (the bundled ones are trusted)."""
        found: list[Problem] = []
        bundled = self._keys(self.folder)
        for path in self._all_user_paths():
            if path.stem in bundled:
                found.append(
                    Problem(
                        path,
                        0,
                        f"the framework key {path.stem!r} is bundled already; "
                        "rename the file to give your framework a key of its own",
                    )
                )
                continue
            if not _KEY.fullmatch(path.stem):
                found.append(
                    Problem(
                        path, 0, "a framework file is named by its key: lower case letters, "
                        "digits and '-', e.g. firm-controls.yaml",
                    )
                )  # fmt: skip
                continue
            try:
                self._get(path.stem)
            except UnknownReference:
                found.extend(self._broken.get(path.stem, []))
        return found

    def framework(self, key: str) -> FrameworkCatalogue:
        return self._get(key).catalogue

    def resolve(self, framework: str, cited: str, suggest: bool = True) -> ResolvedReference:
        """Resolve one citation, or raise UnknownReference with a helpful message (with
        ids it may have meant, unless `suggest` is false: that search is the slow part)."""
        fw = self._get(framework)
        cited = cited.strip()
        entry = fw.find(cited)
        if entry is None and fw.catalogue.paragraph_ids:
            match = _PARAGRAPH.match(cited)
            if match:
                entry = fw.find(match["base"])
        if entry is None:
            near = (
                difflib.get_close_matches(cited, fw.by_id.keys(), n=3, cutoff=0.6)
                if suggest
                else []
            )
            hint = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
            raise UnknownReference(f"{framework} has no item {quoted(cited)}{hint}")
        if entry.status is not None:
            why = f" ({entry.note})" if entry.note else ""
            raise UnknownReference(
                f"{framework} {entry.id} is {entry.status}{why}; cite the current item"
            )
        cat = fw.catalogue
        return ResolvedReference(
            framework=cat.framework,
            framework_title=cat.title,
            short_title=cat.short_title,
            id=entry.id,
            cited_as=cited if cited.startswith(entry.id) else entry.id,
            title=entry.title,
            caveat=entry.caveat,
            ids_name_the_framework=cat.ids_name_the_framework,
        )

    @staticmethod
    def _keys(folder: Path | None) -> set[str]:
        if folder is None or not folder.is_dir():
            return set()
        return {p.stem for p in folder.glob("*.yaml") if p.is_file()}

    def _all_user_paths(self) -> list[Path]:
        """Every `*.yaml` of the consultant's folder, files or not: one that is not a file
        (a FIFO, a folder) is listed with its problem rather than skipped in silence."""
        folder = self.user_folder
        if folder is None or not folder.is_dir():
            return []
        return sorted(folder.glob("*.yaml"))

    def _user_files(self) -> dict[str, Path]:
        bundled = self._keys(self.folder)
        return {
            p.stem: p
            for p in self._all_user_paths()
            if p.stem not in bundled and _KEY.fullmatch(p.stem)
        }

    def _get(self, key: str) -> _Framework:
        if key in self._loaded:
            return self._loaded[key]
        if key in self._broken:
            raise UnknownReference(_broken_message(key, self._broken[key]))
        bundled = self.folder / f"{key}.yaml"
        if _KEY.fullmatch(key) and bundled.is_file():
            fw = _Framework(load_catalogue_file(bundled))
        elif _KEY.fullmatch(key) and key in self._user_files():
            catalogue, problems = _load_user_catalogue(self._user_files()[key])
            if catalogue is None:
                self._broken[key] = problems
                raise UnknownReference(_broken_message(key, problems))
            fw = _Framework(catalogue)
        else:
            known = ", ".join(self.framework_keys())
            raise UnknownReference(f"unknown framework {quoted(key)} (known: {known})")
        self._loaded[key] = fw
        return fw


_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")


def _broken_message(key: str, problems: list[Problem]) -> str:
    first = problems[0] if problems else None
    where = f" ({first.path.name}:{first.line}: {first.message})" if first else ""
    return f"the framework {key!r} has problems and cannot be cited{where}"


def _load_user_catalogue(path: Path) -> tuple[FrameworkCatalogue | None, list[Problem]]:
    """A consultant's framework file, checked with every problem at its line."""
    known = sorted({*FrameworkCatalogue.model_fields, *CatalogueEntry.model_fields})
    read = read_model(path, FrameworkCatalogue, known)
    catalogue, document = read.model, read.document
    if catalogue is None or document is None:
        return None, read.problems
    problems: list[Problem] = []
    if catalogue.framework != path.stem:
        problems.append(
            Problem(
                path,
                document.line_of(("framework",)),
                f"framework: {catalogue.framework!r} must match the file name {path.stem!r}, "
                "the key that questionnaires cite",
            )
        )
    seen: dict[str, int] = {}
    for index, entry in enumerate(catalogue.entries):
        line = document.line_of(("entries", index, "id"))
        if entry.id in seen:
            problems.append(
                Problem(path, line, f"item {entry.id!r} is listed twice (first at line "
                        f"{seen[entry.id]})")
            )  # fmt: skip
        seen.setdefault(entry.id, line)
        if entry.parent is not None and entry.parent not in {e.id for e in catalogue.entries}:
            problems.append(
                Problem(
                    path,
                    document.line_of(("entries", index, "parent")),
                    f"item {entry.id}: parent {entry.parent!r} is not an item of this framework",
                )
            )
    return (None if problems else catalogue), capped(problems)


class _Framework:
    def __init__(self, catalogue: FrameworkCatalogue) -> None:
        self.catalogue = catalogue
        self.by_id = {e.id: e for e in catalogue.entries}
        self.by_alias = {a.casefold(): e for e in catalogue.entries for a in e.aliases}

    def find(self, cited: str) -> CatalogueEntry | None:
        return self.by_id.get(cited) or self.by_alias.get(cited.casefold())


def load_catalogue_file(path: Path) -> FrameworkCatalogue:
    """Read one bundled framework file; a broken one is a packaging error, so it raises."""
    try:
        data = yaml.load(read_text(path), Loader=SAFE_LOADER)
        return FrameworkCatalogue.model_validate(data)
    except (YamlProblem, yaml.YAMLError, ValidationError) as error:
        raise UnknownReference(f"the framework file {path.name} is damaged: {error}") from error


# --- Building the bundle from the reference collection -------------------------------

SHORT_TITLES = {
    "cra": "Cyber Resilience Act",
    "dora": "DORA",
    "eu-ai-act": "EU AI Act",
    "eu-data-act": "EU Data Act",
    "gdpr": "GDPR",
    "hipaa": "HIPAA Security Rule",
    "iso-23894": "ISO/IEC 23894",
    "iso-42001": "ISO/IEC 42001",
    "mitre-atlas": "MITRE ATLAS",
    "nist-800-53": "NIST SP 800-53",
    "nist-ai-600-1": "NIST AI 600-1",
    "nist-ai-rmf": "NIST AI RMF",
    "nist-csf": "NIST CSF 2.0",
    "owasp-llm": "OWASP LLM Top 10",
    "pld": "Product Liability Directive",
    "sr-11-7": "SR 11-7",
}
PARAGRAPH_FRAMEWORKS = {"eu-ai-act", "gdpr", "dora", "cra", "pld", "eu-data-act"}
SELF_NAMING_FRAMEWORKS = {"sr-11-7"}
#: (framework, id prefix) -> caveat printed beside every citation of those items.
CAVEATS = {
    ("sr-11-7", "SR 11-7"): "SR 11-7 was superseded by SR 26-2 on 17 April 2026; cited as "
    "model risk practice, not as the current rule.",
}


def import_catalogue(source: Path, destination: Path) -> list[tuple[str, int]]:
    """Rebuild the bundled catalogue from the reference collection (maintainers only).

    Keeps ids, titles, levels, parents and aliases; folds the many status notes of the
    sources into `withdrawn` or `superseded`. Returns (framework, entries) pairs.
    """
    written: list[tuple[str, int]] = []
    destination.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.glob("*.yaml")):
        try:
            raw = yaml.load(read_text(path), Loader=SAFE_LOADER)
        except YamlProblem as error:
            raise ContentError([Problem(path, error.line, error.message)]) from None
        except yaml.YAMLError as error:
            raise ContentError([Problem(path, 0, f"YAML syntax: {error}")]) from None
        key = raw["framework"]
        entries = []
        for item in raw["entries"]:
            status = str(item.get("status") or "")
            folded = (
                "withdrawn"
                if status.startswith("withdrawn")
                else "superseded"
                if status.startswith("superseded") and item.get("level") != "document"
                else None
            )
            entry: dict[str, Any] = {"id": str(item["id"]), "title": _one_line(item["title"])}
            for name in ("level", "parent"):
                if item.get(name):
                    entry[name] = str(item[name])
            aliases = [str(a) for a in item.get("aliases") or [] if str(a) != str(item["id"])]
            if aliases:
                entry["aliases"] = aliases
            if folded:
                entry["status"] = folded
            note = item.get("note") if folded else None
            if status and not folded:
                note = status
            if note:
                entry["note"] = _one_line(note)
            caveat = next(
                (text for (fw, prefix), text in CAVEATS.items()
                 if fw == key and entry["id"].startswith(prefix)),
                None,
            )  # fmt: skip
            if caveat:
                entry["caveat"] = caveat
            entries.append(entry)
        notes = raw.get("notes") or []
        bundle = {
            "framework": key,
            "title": raw["title"],
            "short_title": SHORT_TITLES.get(key, raw["title"]),
            "paragraph_ids": key in PARAGRAPH_FRAMEWORKS,
            "ids_name_the_framework": key in SELF_NAMING_FRAMEWORKS,
            "notes": [str(n) for n in (notes if isinstance(notes, list) else [notes])],
            "entries": entries,
        }
        FrameworkCatalogue.model_validate(bundle)
        header = (
            f"# Built by `assessor frameworks import` from the team's reference collection\n"
            f"# ({path.name}); edit the source and re-import rather than editing here.\n"
        )
        text = yaml.safe_dump(bundle, sort_keys=False, allow_unicode=True, width=100)
        write_atomically(destination / path.name, (header + text).encode("utf-8"))
        written.append((key, len(entries)))
    return written


def _one_line(text: object) -> str:
    return " ".join(str(text).split())
