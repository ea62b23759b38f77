"""Helpers for the share form tests: what a browser would send back from the page's HTML, and
everything a saved story holds, to compare before and after.

`form_data(html)` reads the share form the way a browser submits it: text, number, date and
hidden inputs with their values (sanitised as a browser does: a date input drops "15/12/2026"), ticked boxes and radios, each select's selected option (or its
first), each textarea's text (less the one newline that follows the tag). Rows inside a
<template> are not part of the form until JavaScript adds them, so they are left out; buttons
are left out too (the test adds "save" or "submit").
"""

import re
from html.parser import HTMLParser

from django.http import QueryDict

from stories.models import StoryAuthorship, StoryPage

TEXT_TYPES = {"text", "number", "date", "hidden", "search", "email", "url", "tel", ""}


ISO_DATE = re.compile(r"\d{4,}-\d{2}-\d{2}")
NUMBER = re.compile(r"-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?")


def sanitised(kind, value):
    """HTML's value sanitisation: a date input keeps only an ISO date ("2026-12-15"), a number
    input only a number; anything else becomes empty, and is posted empty."""
    if kind == "date" and not ISO_DATE.fullmatch(value):
        return ""
    if kind == "number" and not NUMBER.fullmatch(value):
        return ""
    return value


class _FormReader(HTMLParser):
    def __init__(self, form_class):
        super().__init__(convert_charrefs=True)
        self.form_class = form_class
        self.in_form = False
        self.in_template = 0
        self.fields = []  # (name, value) in document order
        self._select = None  # [name, first option value, selected values]
        self._option = None  # [value or None, text]
        self._textarea = None  # [name, text]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.form_class in (attrs.get("class") or "").split():
            self.in_form = True
        if not self.in_form:
            return
        if tag == "template":
            self.in_template += 1
        if self.in_template or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "").lower()
            if kind in TEXT_TYPES:
                self.fields.append((name, sanitised(kind, attrs.get("value") or "")))
            elif kind in {"checkbox", "radio"} and "checked" in attrs:
                self.fields.append((name, attrs.get("value") or "on"))
        elif tag == "select" and name:
            self._select = [name, None, []]
        elif tag == "option" and self._select is not None:
            self._option = [attrs.get("value"), "", "selected" in attrs]
        elif tag == "textarea" and name:
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        elif self._option is not None:
            self._option[1] += data

    def handle_endtag(self, tag):
        if not self.in_form:
            return
        if tag == "template":
            self.in_template -= 1
        elif tag == "form":
            self.in_form = False
        elif tag == "option" and self._option is not None:
            self._end_option()
        elif tag == "select" and self._select is not None:
            if self._option is not None:
                self._end_option()
            name, first, selected = self._select
            for value in selected or ([first] if first is not None else []):
                self.fields.append((name, value))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # A newline right after <textarea> is not part of the value (HTML's parsing rule).
            self.fields.append((name, text[1:] if text.startswith("\n") else text))
            self._textarea = None

    def _end_option(self):
        value, text, selected = self._option
        value = text.strip() if value is None else value
        if self._select[1] is None:
            self._select[1] = value
        if selected:
            self._select[2].append(value)
        self._option = None


def form_data(html, form_class="share-form", **buttons):
    """The share form in `html` as a browser would post it, plus `buttons` (save="1")."""
    reader = _FormReader(form_class)
    reader.feed(html)
    reader.close()
    data = QueryDict(mutable=True)
    for name, value in reader.fields:
        data.appendlist(name, value)
    for name, value in buttons.items():
        data[name] = value
    return data


def as_post(data):
    """A QueryDict as the test client's POST data (lists for repeated names)."""
    return {key: data.getlist(key) for key in data}


def stored(story):
    """Everything the author wrote, as the latest revision keeps it."""
    latest = StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object()
    return {
        "title": latest.title,
        "summary": latest.summary,
        "happened_on": latest.happened_on,
        "team": latest.team_id,
        "series": latest.series_id,
        "tags": sorted(tag.name for tag in latest.tags.all()),
        "part": latest.part,
        "size": latest.size,
        "what_happened": latest.what_happened,
        "who_was_affected": latest.who_was_affected,
        "own_it": latest.own_it,
        "make_it_right": latest.make_it_right,
        "learn_and_prevent": latest.learn_and_prevent,
        "lessons": [lesson.text for lesson in latest.lessons.all()],
        "questions": [question.text for question in latest.questions.all()],
        "actions": [
            (action.description, action.owner_label, action.due_date, action.status)
            for action in latest.actions.all()
        ],
        "anonymous": StoryAuthorship.objects.get(story_id=story.pk).is_anonymous,
    }
