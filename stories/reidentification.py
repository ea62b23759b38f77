"""The re-identification check: while an anonymous story is written and reviewed, notes on what
would let colleagues who know the team work out who wrote it. Never a gate.

Besides the blameless check's colleague names it looks for:

* the author's own names (on the author's form; a moderator's view notes every name alike, so
  that a note never singles the author out);
* exact dates and clock times ("Monday 3 March at 14:32"), each with its generalised wording
  ("on a Monday in March");
* `IdentifyingDetail` rows the Culture team keeps: job titles only a few people hold, sensitive
  customers and suppliers, first-person details ("my first week");
* a team too small to be shown with an anonymous story (`SiteSettings.anonymity_min_group`).
"""

import re

from django.utils.dates import MONTHS, WEEKDAYS
from django.utils.translation import gettext as _

from .blameless import BlamelessChecker, Finding, _alternation, _words_pattern
from .models import IdentifyingDetail

_MONTH_WORDS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?:(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?),?\s+(?:the\s+)?)?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
_CLOCK = r"(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?P<half>[ap]\.?m\.?)?"
_AT_TIME = rf"(?:,?\s+(?:at\s+)?{_CLOCK.replace('?P<', '?P<at_')})?"

DATE_PATTERNS = [
    # Monday 3 March 2026 at 14:32; 3rd of March
    re.compile(rf"(?<!\w){_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}{_YEAR}{_AT_TIME}(?!\w)", re.I),
    # Monday, March 3rd, 2026 at 2pm
    re.compile(rf"(?<!\w){_WEEKDAY}{_MONTH}\s+{_DAY}{_YEAR}{_AT_TIME}(?!\w)", re.I),
    # 2026-03-03 and 3/3/2026 (day first, as the site writes dates)
    re.compile(r"(?<![\w/.-])(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\w/-])"),
    re.compile(
        r"(?<![\w/.])(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)?\d\d)(?![\w/.])"
    ),
]
# A clock time: "14:32", "9:05 am", "2pm" (a bare "14" or "2" is a number, not a time).
TIME_PATTERN = re.compile(
    r"(?<![\w:.])(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d)\s*(?P<half>[ap]\.?m\.?)?"
    r"|\s*(?P<half_only>[ap]\.?m\.?))(?!\w)",
    re.I,
)


def _month_number(text):
    if text.isdigit():
        number = int(text)
        return number if 1 <= number <= 12 else None
    return _MONTH_WORDS.get(text[:3].lower())


def _weekday_number(text):
    starts = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    return starts.index(text[:3].lower()) if text else None


def general_date(match):
    """The generalised wording of a date match: "on a Monday in March", "in March 2026"."""
    parts = match.groupdict()
    month = _month_number(parts["month"])
    if month is None:
        return None
    month_name = str(MONTHS[month])
    weekday = _weekday_number(parts.get("weekday") or "")
    year = parts.get("year")
    if year and len(year) == 2:
        year = f"20{year}"
    if weekday is not None:
        return _("on a %(weekday)s in %(month)s") % {
            "weekday": WEEKDAYS[weekday],
            "month": month_name,
        }
    if year:
        return _("in %(month)s %(year)s") % {"month": month_name, "year": year}
    return _("in %(month)s") % {"month": month_name}


def part_of_day(hour, half=None):
    """ "in the morning" and so on, for an hour of the clock (with am/pm when written)."""
    half = (half or "").lower().replace(".", "")
    if half == "pm" and hour < 12:
        hour += 12
    elif half == "am" and hour == 12:
        hour = 0
    if 5 <= hour < 12:
        return _("in the morning")
    if hour == 12:
        return _("around midday")
    if 13 <= hour < 18:
        return _("in the afternoon")
    if 18 <= hour < 22:
        return _("in the evening")
    return _("at night")


def _time_hits(text, taken):
    hits = []
    for match in TIME_PATTERN.finditer(text):
        start, end = match.span()
        if any(a <= start < b for a, b in taken):
            continue
        half = match.group("half") or match.group("half_only")
        if match.group("minute") is None and not half:
            continue
        hits.append((start, "time", match.group(0), part_of_day(int(match.group("hour")), half)))
    return hits


class AnonymityChecker(BlamelessChecker):
    """The blameless check plus what would identify the author of an anonymous story.

    `author_view`: the author is reading (their own names get their own note); otherwise a
    moderator is, and every name, the author's included, is noted as a colleague's.
    """

    def __init__(self, author=None, author_view=True, team=None, min_group=None):
        super().__init__(author if author_view else None)
        self.own_names = None
        if author_view and author is not None:
            first, last = author.first_name.strip(), author.last_name.strip()
            names = {name for name in (first, last, f"{first} {last}".strip()) if len(name) >= 2}
            self.own_names = _alternation(names, re.IGNORECASE)
        self.details = [
            (pattern, detail)
            for detail in IdentifyingDetail.objects.filter(is_active=True)
            if (pattern := _words_pattern(detail.term, re.IGNORECASE)) is not None
        ]
        self.team, self.min_group = team, min_group

    def extra_hits(self, text):
        hits, taken = [], []
        if self.own_names is not None:
            for match in self.own_names.finditer(text):
                hits.append((match.start(), "own_name", match.group(0), ""))
        for pattern in DATE_PATTERNS:
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(a <= start < b for a, b in taken):
                    continue
                wording = general_date(match)
                if wording:
                    taken.append((start, end))
                    hits.append((start, "date", match.group(0).strip(" ,"), wording))
        hits += _time_hits(text, taken)
        for pattern, detail in self.details:
            for match in pattern.finditer(text):
                hits.append((match.start(), "detail", match.group(0), _detail_advice(detail)))
        return hits

    def check(self, values):
        results = super().check(values)
        if self.team is not None and self.min_group and self._team_is_small():
            advice = _(
                "Fewer than %(count)s people are in %(team)s, so readers will not see the team "
                "of an anonymous story. Details only %(team)s would know may still point at you."
            ) % {"count": self.min_group, "team": self.team.name}
            results["team"] = [Finding("team", "team", self.team.name, advice)]
        return results

    def _team_is_small(self):
        from .small_groups import large_teams

        return not large_teams(self.min_group).filter(pk=self.team.pk).exists()


def _detail_advice(detail):
    if detail.suggestion:
        return detail.suggestion
    if detail.kind == IdentifyingDetail.JOB_TITLE:
        return _("Few people hold this title: name the kind of work (“someone in finance”).")
    if detail.kind == IdentifyingDetail.CUSTOMER:
        return _("Name the kind of customer or supplier (“a large retail customer”).")
    return _("Leave out what only you could have written.")
