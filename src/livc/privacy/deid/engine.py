"""deduce, the de-identifier for Dutch text of UMC Utrecht, loaded once per process.

deduce builds lookup structures from its word lists on first use and caches them as a
pickle. Its full lists take more than a minute to build, mostly for the Dutch street and
healthcare-institution registers, which are of no use on Belgian text. We point deduce at a
copy of its lists without those two and with the Belgian municipality names added (its
documented way to change lists: `lookup_data_path`), prepared once per deduce version in a
private writable directory (`LIVC_DEIDENTIFY_CACHE_DIR`, else one under the system temp
directory owned by this user). Nothing is downloaded: the lists ship inside the wheel.
"""

import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
import threading
import unicodedata
from pathlib import Path

from django.conf import settings

from . import places
from .spans import Category, Span

# Lists left out of the copy (see the module docstring), and annotators we do not run:
# those lists, Dutch hospitals, ages (not identifying, useful context) and Dutch BSNs
# (Belgian numbers have their own patterns).
DROPPED_LISTS = ("locations/lst_street", "institutions/lst_healthcare_institution")
DISABLED = ("street_lookup", "institution", "hospital", "age", "bsn")
BELGIAN_PLACES = "locations/lst_placename/lst_be_municipality"

_lock = threading.Lock()


def _import_deduce():
    """Import deduce without letting it reconfigure the host's logging (on import it calls
    `logging.basicConfig(level=DEBUG)`, which would print every library's debug output)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce  # noqa: PLC0415 - heavy; only when a copy is asked for

    root.handlers[:] = handlers
    root.setLevel(level)
    return deduce


def _cache_root() -> Path:
    configured = getattr(settings, "LIVC_DEIDENTIFY_CACHE_DIR", "")
    root = Path(configured or Path(tempfile.gettempdir()) / f"livc-deidentify-{os.getuid()}")
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = root.stat()
    if info.st_uid != os.getuid() or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        # Others could plant a pickle there: build in a fresh private directory instead.
        return Path(tempfile.mkdtemp(prefix="livc-deidentify-"))
    return root


def _lookup_dir(deduce) -> Path:
    """The prepared copy of deduce's lists, with its built cache; made once, atomically
    (built aside, then renamed), so concurrent processes never read a half-written cache."""
    extra = "\n".join(places.standalone_place_names()) + "\n"
    recipe = "|".join([deduce.__version__, *DROPPED_LISTS, extra])
    digest = hashlib.sha256(recipe.encode()).hexdigest()[:12]
    root = _cache_root()
    target = root / f"deduce-{deduce.__version__}-{digest}"
    if (target / "cache" / "lookup_structs.pickle").is_file():
        return target
    work = Path(tempfile.mkdtemp(prefix="build-", dir=root))
    source = Path(deduce.__file__).parent / "data" / "lookup" / "src"
    shutil.copytree(source, work / "src", ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    for name in DROPPED_LISTS:
        shutil.rmtree(work / "src" / name)
        (work / "src" / name).mkdir()
        (work / "src" / name / "items.txt").write_text("", encoding="utf-8")
    (work / "src" / BELGIAN_PLACES).mkdir()
    (work / "src" / BELGIAN_PLACES / "items.txt").write_text(extra, encoding="utf-8")
    _build(deduce, work)  # writes work/cache/lookup_structs.pickle
    try:
        work.rename(target)
    except OSError:  # another process finished first; use theirs
        shutil.rmtree(work, ignore_errors=True)
    return target


def _config(deduce) -> dict:
    path = Path(deduce.__file__).parent / "base_config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    for name in DISABLED:
        config["annotators"].pop(name, None)
    return config


def _build(deduce, path: Path):
    return deduce.Deduce(
        load_base_config=False, config=_config(deduce), lookup_data_path=path, cache_path=path
    )


_model = None


def model():
    """The deduce instance of this process, made on first use (once, even when several
    threads ask at the same time)."""
    global _model  # noqa: PLW0603 - one per process, on purpose
    if _model is None:
        with _lock:
            if _model is None:
                deduce = _import_deduce()
                _model = _build(deduce, _lookup_dir(deduce))
    return _model


def _category(tag: str, text: str) -> Category | None:
    if tag == "leeftijd":
        return None
    if "patient" in tag or "persoon" in tag or "naam" in tag:
        return Category.NAME
    if "locatie" in tag or "straat" in tag:
        return Category.ADDRESS if any(ch.isdigit() for ch in text) else Category.PLACE
    return {
        "datum": Category.DATE,
        "telefoonnummer": Category.PHONE,
        "emailadres": Category.EMAIL,
        "url": Category.URL,
    }.get(tag, Category.ID)


def find(text: str, *, first_names=(), surname: str = "") -> list[Span]:
    """What deduce annotates in `text`. The subject's names, when given, let deduce also
    catch near misses (one typo) of them."""
    metadata = None
    if first_names or surname:
        from deduce.person import Person  # noqa: PLC0415

        metadata = {
            "patient": Person(
                first_names=list(first_names) or None,
                surname=surname or None,
                initials="".join(name[0] for name in first_names) or None,
            )
        }
    spans = []
    # deduce's lists hold "Veronique" but not "Véronique": also look at the text without
    # accents (same length, so the offsets hold).
    plain = _without_accents(text)
    for variant in {text, plain}:
        for annotation in model().deidentify(variant, metadata=metadata).annotations:
            category = _category(annotation.tag, annotation.text)
            if category is not None:
                spans.append(Span(annotation.start_char, annotation.end_char, category))
    return spans


def _without_accents(text: str) -> str:
    """Each accented letter replaced by its base letter; every other character kept, so
    the result has the same length."""
    return "".join(
        base if (base := unicodedata.normalize("NFKD", char)[0]).isascii() else char
        for char in text
    )
