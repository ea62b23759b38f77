"""Every word a person reads is translatable, and the German catalogue is complete.

The template check reads each template the way Django does (its lexer): text outside
`{% translate %}` / `{% blocktranslate %}` must hold no words, in the page's text or in the
attributes people read (alt, title, aria-label, placeholder, and so on).
"""

import re
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
