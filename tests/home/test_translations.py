"""Every word a person reads is translatable, and the German catalogue is complete.

The template check reads each template the way Django does (its lexer): text outside
`{% translate %}` / `{% blocktranslate %}` must hold no words, in the page's text or in the
attributes people read (alt, title, aria-label, placeholder, and so on).
"""

import ast
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import Lexer, TokenType

TEMPLATES = Path(settings.BASE_DIR) / "templates"
LOCALE = Path(settings.BASE_DIR) / "locale"

# Attributes whose values a person reads or hears.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "aria-description", "label"}
# Stands for anything Django fills in (a variable, a tag, translated text): a digit, so that a
# tag built from pieces (`<h{{ level }}>`) still reads as a tag, and no letters.
HOLE = "0"
LETTERS = re.compile(r"[^\W\d_]{2,}")
# Words that stay as they are in every language. Keep this list short: each entry is a name.
NAMES = {
    ".ics",  # a file type, as calendar apps name it
    "Own It",  # the product's name (the site's name itself is a setting)
}


class _ReadText(HTMLParser):
    """Collects the text a reader sees and the attributes they read; skips script and style."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        self.found += [value for name, value in attrs if name in READ_ATTRIBUTES and value]

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self.found.append(data)


def untranslated_text(source):
    """The words in `source` (a template) that no translation tag covers."""
    pieces, inside = [], None
    for token in Lexer(source).tokenize():
        contents = token.contents.split()
        tag = contents[0] if token.token_type == TokenType.BLOCK and contents else ""
        if inside:
            if tag == inside:
                inside = None
            continue
        if tag in {"blocktranslate", "blocktrans"} or tag in {"comment", "verbatim"}:
            inside = "end" + tag
        elif tag == "block" and contents[1].endswith("class"):
            inside = "endblock"  # a class name for the stylesheet, such as `body_class`
        if token.token_type == TokenType.TEXT:
            pieces.append(token.contents)
        else:
            pieces.append(HOLE)
    parser = _ReadText()
    parser.feed("".join(pieces))
    parser.close()
    words = []
    for text in parser.found:
        for name in NAMES:
            text = text.replace(name, " ")
        words += LETTERS.findall(text)
    return words


def template_files():
    # Stylesheets are templates too, but hold no words for people.
    return sorted(path for path in TEMPLATES.rglob("*") if path.suffix in {".html", ".txt"})


def test_the_check_sees_words_outside_translation_tags():
    source = (
        '{% load i18n %}<p title="Open it">{% translate "Fine" %} Left out</p>'
        "{% blocktranslate %}Also fine{% endblocktranslate %}{# a comment #}"
        "<script>const fine = 1;</script><a href='{{ url }}'>{{ name }}</a>"
    )
    assert untranslated_text(source) == ["Open", "it", "Left", "out"]


@pytest.mark.parametrize(
    "path", template_files(), ids=lambda path: str(path.relative_to(TEMPLATES))
)
def test_templates_have_no_untranslated_text(path):
    assert untranslated_text(path.read_text()) == []


CACHE_TAG = re.compile(r"\{%\s*wagtail(?:page)?cache\s[^%]*%\}")


def test_every_cached_fragment_is_keyed_by_its_language():
    """A fragment cached for a German reader must not be served to an English one."""
    tags = [
        (path.relative_to(TEMPLATES), tag)
        for path in template_files()
        for tag in CACHE_TAG.findall(path.read_text())
    ]
    assert tags
    assert [(path, tag) for path, tag in tags if "fragments.language" not in tag] == []


# --- The German catalogue --------------------------------------------------------------------


def _unquote(text):
    text = text.strip()[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), "\\" + m.group(1)), text)


def catalogue_entries(path):
    """The entries of a .po file as dicts (msgid, msgid_plural, msgstr: {n: text}, flags).
    A small reader for what makemessages writes; the header (empty msgid) is left out."""
    entries = []
    for block in path.read_text().strip().split("\n\n"):
        entry = {"flags": [], "msgid": "", "msgid_plural": None, "msgstr": {}, "obsolete": False}
        field = None
        for line in block.splitlines():
            if line.startswith("#~"):
                entry["obsolete"] = True
            elif line.startswith("#,"):
                entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
            elif line.startswith("#"):
                continue
            elif line.startswith("msgctxt "):
                field = None
            elif line.startswith("msgid_plural "):
                field, entry["msgid_plural"] = "msgid_plural", _unquote(line[13:])
            elif line.startswith("msgid "):
                field, entry["msgid"] = "msgid", _unquote(line[6:])
            elif line.startswith("msgstr"):
                match = re.match(r"msgstr(?:\[(\d+)\])? (.*)", line)
                field = int(match.group(1) or 0)
                entry["msgstr"][field] = _unquote(match.group(2))
            elif line.startswith('"') and field is not None:
                if isinstance(field, int):
                    entry["msgstr"][field] += _unquote(line)
                else:
                    entry[field] += _unquote(line)
        if entry["msgid"] or entry["obsolete"]:
            entries.append(entry)
    return entries


GERMAN = LOCALE / "de" / "LC_MESSAGES" / "django.po"
# Every language the site ships (German, and any added later: README, "How to add a language").
CATALOGUES = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))
by_language = pytest.mark.parametrize(
    "catalogue", CATALOGUES, ids=lambda path: path.parent.parent.name
)


def test_german_is_shipped():
    assert GERMAN in CATALOGUES


@by_language
def test_the_catalogue_is_complete(catalogue):
    """Every entry translated (both plural forms), none fuzzy, none left over."""
    entries = catalogue_entries(catalogue)
    assert len(entries) > 1000
    assert [e["msgid"] for e in entries if e["obsolete"]] == []
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    untranslated = [
        e["msgid"]
        for e in entries
        if not all(e["msgstr"].get(n) for n in ((0, 1) if e["msgid_plural"] else (0,)))
    ]
    assert untranslated == []


@by_language
def test_the_compiled_catalogue_matches_the_translations(catalogue):
    """The committed .mo is compiled from the committed .po (`manage.py compilemessages`)."""
    import gettext

    with catalogue.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    stale = [
        e["msgid"]
        for e in catalogue_entries(catalogue)
        if (
            translations.ngettext(e["msgid"], e["msgid_plural"], 1)
            if e["msgid_plural"]
            else translations.gettext(e["msgid"])
        )
        != e["msgstr"][0]
    ]
    assert stale == []


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (xgettext)")
@by_language
def test_the_catalogue_holds_every_translatable_string(catalogue, tmp_path):
    """makemessages, run afresh over the code, finds nothing the catalogue lacks: a string
    wrapped for translation but not translated fails here (README: "How to add a language" has
    the commands)."""
    language = catalogue.parent.parent.name
    for name in ("home", "stories", "culture", "templates"):
        (tmp_path / name).symlink_to(Path(settings.BASE_DIR) / name)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", language, "--symlinks"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(settings.BASE_DIR)},
    )
    fresh = catalogue_entries(tmp_path / "locale" / language / "LC_MESSAGES" / "django.po")
    have = {(e["msgid"], e["msgid_plural"]) for e in catalogue_entries(catalogue)}
    found = {(e["msgid"], e["msgid_plural"]) for e in fresh}
    assert sorted(found - have, key=str) == []
    assert sorted(have - found, key=str) == []


# --- Python ----------------------------------------------------------------------------------

# Keyword arguments whose value people read: a bare string there is a string left in English.
READ_KEYWORDS = {
    "description",
    "empty_label",
    "heading",
    "help_text",
    "label",
    "placeholder",
    "verbose_name",
    "verbose_name_plural",
}
MESSAGE_FUNCTIONS = {"debug", "info", "success", "warning", "error"}
# Content, not interface: the demo's stories and the factories' sample data stay as written.
NOT_INTERFACE = {"demo.py", "demo_stories.py", "factories.py"}


def _is_bare_text(node):
    if isinstance(node, ast.JoinedStr):
        return True
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and bool(LETTERS.search(node.value))
    )


def untranslated_python(source):
    """(line, text) of strings people read that are passed without gettext: keyword arguments
    such as `help_text=` and `label=`, messages (`messages.success(request, …)`) and
    `ValidationError(…)`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = getattr(function, "attr", None) or getattr(function, "id", None)
        owner = getattr(getattr(function, "value", None), "id", None)
        candidates = [k.value for k in node.keywords if k.arg in READ_KEYWORDS]
        if owner == "messages" and name in MESSAGE_FUNCTIONS:
            candidates += node.args[1:2]
        if name == "ValidationError":
            candidates += node.args[:1]
        found += [(n.lineno, ast.unparse(n)) for n in candidates if _is_bare_text(n)]
    return found


def python_files():
    base = Path(settings.BASE_DIR)
    return sorted(
        path
        for app in ("home", "stories", "culture")
        for path in (base / app).rglob("*.py")
        if "migrations" not in path.parts
        and "management" not in path.parts
        and path.name not in NOT_INTERFACE
    )


def test_the_python_check_sees_bare_text():
    source = (
        "forms.CharField(label='Name', help_text=_('Fine'))\n"
        "messages.success(request, f'Saved {title}')\n"
        "ValidationError(gettext('Fine'))\n"
    )
    assert untranslated_python(source) == [(1, "'Name'"), (2, "f'Saved {title}'")]


def test_python_has_no_untranslated_labels_or_messages():
    base = Path(settings.BASE_DIR)
    found = [
        (str(path.relative_to(base)), line, text)
        for path in python_files()
        for line, text in untranslated_python(path.read_text())
    ]
    assert found == []
