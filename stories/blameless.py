"""The blameless check: gentle notes on wording that blames people, never a gate.

It looks for two things in what a writer typed:

* blaming words and phrases from `BlamelessPhrase` (data the Culture team edits in the admin),
  matched as whole words and ignoring case, each with a kinder way to say it;
* names of colleagues: the first, last and full names of the site's active users, leaving out
  the author and the anonymous placeholder account. Stories are about systems and choices, so a
  named colleague is worth a second look (the writer may have meant a role or a team).

Findings are shown next to the field on the front-end form and in the Wagtail page editor.
The check never blocks saving: a story with findings saves, and a moderator decides.
"""

import html
import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from .models import BlamelessPhrase, StoryAuthorship
from .models.authorship import ANONYMOUS_USERNAME
from .models.blameless import phrase_language

NAME_SUGGESTION = gettext_lazy(
    "Stories are about systems and choices, not people: describe the role or the team "
    "(“a colleague in Support”) rather than naming someone."
)
# Fields of a story the check reads, in the order the form shows them, with their labels ("team"
# only for an anonymous story: reidentification.py).
CHECKED_FIELDS = {
    "title": gettext_lazy("Title"),
    "summary": gettext_lazy("Summary"),
    "what_happened": gettext_lazy("What happened"),
    "who_was_affected": gettext_lazy("Who was affected, and how"),
    "own_it": gettext_lazy("Own it"),
    "make_it_right": gettext_lazy("Make it right"),
    "learn_and_prevent": gettext_lazy("Learn and prevent"),
    "team": gettext_lazy("Team"),
    "lessons": gettext_lazy("Lessons"),
    "actions": gettext_lazy("Corrective actions"),
    "questions": gettext_lazy("Discussion questions"),
}


@dataclass(frozen=True)
class Finding:
    """One note of the check: what was found, where, and what to consider instead."""

    field: str
    # "phrase", "name"; for anonymous stories also "own_name", "date", "time", "detail", "team"
    kind: str
    found: str
    suggestion: str

    @property
    def message(self):
        values = {"found": self.found, "suggestion": self.suggestion}
        if self.kind == "name":
            return _("Names a colleague: “%(found)s”. %(suggestion)s") % values
        if self.kind == "own_name":
            return (
                _("“%(found)s” is your own name: it would give you away in an anonymous story.")
                % values
            )
        if self.kind == "date":
            return (
                _(
                    "“%(found)s” is an exact date that colleagues may link to you. "
                    "Perhaps: “%(suggestion)s”."
                )
                % values
            )
        if self.kind == "time":
            return (
                _(
                    "“%(found)s” is an exact time that colleagues may link to you. "
                    "Perhaps: “%(suggestion)s”."
                )
                % values
            )
        if self.kind == "detail":
            return _("“%(found)s” could point at you. Perhaps: “%(suggestion)s”.") % values
        if self.kind == "team":
            return self.suggestion
        return _("“%(found)s” can read as blame. Perhaps: %(suggestion)s") % values


def plain_text(value):
    """The words of a rich-text or plain value, without tags or entities."""
    if not value:
        return ""
    text = re.sub(r"<(br|/p|/li)\s*/?>", "\n", str(value), flags=re.IGNORECASE)
    return html.unescape(strip_tags(text))


def _words_pattern(words, flags=0):
    """A regex that matches `words` as whole words, allowing any whitespace between them."""
    parts = [re.escape(word) for word in words.split()]
    if not parts:
        return None
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", flags)


def phrases_for(code):
    """The active phrases of the language `code` (the writer's: the active language), or the
    English ones when that language has none."""
    phrases = list(BlamelessPhrase.objects.for_language(code))
    own = [phrase for phrase in phrases if phrase.language == phrase_language(code)]
    return own or [phrase for phrase in phrases if phrase.language == "en"]


class BlamelessChecker:
    """Loads the phrases and the colleagues' names once (two queries), then checks any text."""

    def __init__(self, author=None, language=None):
        self.phrases = [
            (pattern, phrase.suggestion)
            for phrase in phrases_for(language or get_language())
            if (pattern := _words_pattern(phrase.phrase, re.IGNORECASE)) is not None
        ]
        self.full_names, self.single_names = self._colleague_names(author)

    @staticmethod
    def _colleague_names(author):
        users = get_user_model().objects.filter(is_active=True).exclude(username=ANONYMOUS_USERNAME)
        if author is not None and author.pk:
            users = users.exclude(pk=author.pk)
        full_names, single_names = set(), set()
        for first, last in users.values_list("first_name", "last_name"):
            first, last = first.strip(), last.strip()
            if first and last:
                full_names.add(f"{first} {last}")
            single_names.update(name for name in (first, last) if len(name) >= 2)
        return (
            _alternation(full_names, re.IGNORECASE),
            # Single names are matched as written (capitalised), so that a colleague called
            # "Will" or "Rose" does not match every "will" and "rose" in the text.
            _alternation(single_names, 0),
        )

    def extra_hits(self, text):
        """More (position, kind, found, suggestion) hits; see reidentification.py."""
        return []

    def check_text(self, field, text):
        """Findings in one text, in the order they appear in it (each one once)."""
        hits = []  # (position, kind, found, suggestion)
        for pattern, suggestion in self.phrases:
            for match in pattern.finditer(text):
                hits.append((match.start(), "phrase", match.group(0), suggestion))
        hits += self.extra_hits(text)
        taken = []
        if self.full_names is not None:
            for match in self.full_names.finditer(text):
                taken.append(match.span())
                hits.append((match.start(), "name", match.group(0), NAME_SUGGESTION))
        if self.single_names is not None:
            for match in self.single_names.finditer(text):
                start, end = match.span()
                if not any(a <= start and end <= b for a, b in taken):
                    hits.append((start, "name", match.group(0), NAME_SUGGESTION))
        findings, seen = [], set()
        for _position, kind, found, suggestion in sorted(hits, key=lambda hit: hit[0]):
            found = " ".join(found.split())
            if (kind, found.lower()) not in seen:
                seen.add((kind, found.lower()))
                findings.append(Finding(field, kind, found, suggestion))
        return findings

    def check(self, values):
        """`values` maps field names to text (or lists of texts); returns findings by field."""
        results = {}
        for field, value in values.items():
            texts = value if isinstance(value, list | tuple) else [value]
            findings = []
            for text in texts:
                for finding in self.check_text(field, plain_text(text)):
                    if finding not in findings:
                        findings.append(finding)
            if findings:
                results[field] = findings
        return results


def _alternation(names, flags):
    if not names:
        return None
    # Longest first, so "Sam Okafor-Reid" wins over "Sam Okafor".
    alternatives = sorted(names, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(word) for word in name.split()) for name in alternatives)
    return re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", flags)


def check_values(values, author=None, anonymous=False, team=None, min_group=None):
    """Check a mapping of field name -> text(s) as written by `author`; for an anonymous story
    also what would identify them (reidentification.py), the team chosen included."""
    if anonymous:
        from .reidentification import AnonymityChecker

        return AnonymityChecker(author, team=team, min_group=min_group).check(values)
    return BlamelessChecker(author).check(values)


def story_values(story):
    """The checked texts of a story page (or of a revision of it), by field name."""
    return {
        "title": story.title,
        "summary": story.summary,
        "what_happened": story.what_happened,
        "who_was_affected": story.who_was_affected,
        "own_it": story.own_it,
        "make_it_right": story.make_it_right,
        "learn_and_prevent": story.learn_and_prevent,
        "lessons": [lesson.text for lesson in story.lessons.all()],
        "actions": [
            f"{action.description} — {action.owner_label}" for action in story.actions.all()
        ],
        "questions": [question.text for question in story.questions.all()],
    }


def check_story(story):
    """Findings for a story page, leaving out a named author's own names.

    For an anonymous story every colleague's name is noted, the author's too: these findings are
    shown to moderators, and a note on every name but one would point at the author. (The
    author's own name in an anonymous story is worth a note anyway: it gives them away.) The
    re-identification notes (dates, times, identifying details, a small team) come with them.
    """
    authorship = None
    if story.pk:
        authorship = (
            StoryAuthorship.objects.filter(story_id=story.pk).select_related("author").first()
        )
    if authorship is not None and authorship.is_anonymous:
        from . import small_groups
        from .reidentification import AnonymityChecker

        # A moderator's view: the author's names are noted as any colleague's.
        checker = AnonymityChecker(
            author_view=False, team=story.team, min_group=small_groups.minimum()
        )
        return checker.check(story_values(story))
    author = authorship.author if authorship is not None else None
    return check_values(story_values(story), author=author)


def count(findings):
    return sum(len(items) for items in findings.values())
