"""The front-end "Share a mistake" form: every field of a story, checked and cleaned on the way in.

Employees never see the Wagtail admin, so this form is their editor. What they type is plain
text: it is stored as escaped paragraphs of rich text (so HTML or script typed into any field is
kept as visible text, never markup), and the result goes through nh3 as a second guard because
Wagtail renders rich text without sanitising it. Limits give a clear message next to the field
and keep what was typed.

A draft needs only a title ("Save a draft at any time"); submitting it for review asks for the
rest (`submitting=True`). Every message names its field in plain words, and `error_summary`
lists them, each linked to its field, for the box at the top of the page.
"""

import datetime
import re

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import escape
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from home.ids import page_id

from .models import CorrectiveAction, Series, StoryAuthorship, StoryPage, Team
from .models.pages import MAX_ACTIONS, MAX_LESSONS, MAX_QUESTIONS, owner_from_text

# The three identity choices, each explained in one plain sentence beside it on the form (and
# in My stories): what readers, moderators and the Culture team can know. See README, "Anonymity".
IDENTITY_CHOICES = [
    (StoryAuthorship.NAMED, _("Named")),
    (StoryAuthorship.CONFIDENTIAL, _("Anonymous to colleagues")),
    (StoryAuthorship.ANONYMOUS, _("Anonymous to everyone")),
]
IDENTITY_EXPLAINED = {
    StoryAuthorship.NAMED: _("Readers see your name on the story."),
    StoryAuthorship.CONFIDENTIAL: _(
        "Confidential: readers and moderators see “Anonymous”; the Culture team can see that you "
        "wrote it, to follow up with you, and My stories shows you each time one of them looks."
    ),
    StoryAuthorship.ANONYMOUS: _(
        "Readers see “Anonymous”, and when the story is published the link between you and it "
        "is erased: nobody, the Culture team included, can see who wrote it. A private return "
        "link, shown once and emailed to you alone, takes you back to it."
    ),
}

TITLE_MAX = 150
LONG_TEXT_MAX = 8000
LINE_MAX = 300
MAX_TAGS = 10
TAG_MAX = 40
EARLIEST_YEAR = 1990
# Rich text features of StoryPage that a paragraph of plain text can become.
SAFE_TAGS = {"p", "br"}
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What a story needs before it goes to review; a draft needs only its title (a draft without a
# part or size, which the form's radio buttons always send, takes the model's defaults).
SUBMIT_REQUIRED = ("summary", "what_happened", "part", "size")
# Limited fields show their character count from the first key; the others once the text passes
# COUNT_FROM percent of the limit (static/js/share-form.js). Tags are limited by their number.
ALWAYS_COUNTED = ("title", "summary")
NOT_COUNTED = ("tags",)
COUNT_FROM = 80
# The id of the corrective actions' heading: where the summary links problems of the whole list.
ACTIONS_ANCHOR = "actions-title"


def clean_plain(value):
    """Plain text as typed, minus control characters, with tidy line ends and no outer spaces."""
    value = CONTROL_CHARACTERS.sub("", value or "")
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_to_rich_text(value):
    """Plain text -> rich text: blank lines start paragraphs, single line breaks become <br>.

    Every character is escaped first, so `<script>` stays the visible text "<script>".
    """
    value = clean_plain(value)
    if not value:
        return ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", value) if p.strip()]
    rich = "".join(
        "<p>" + "<br>".join(escape(line) for line in paragraph.split("\n")) + "</p>"
        for paragraph in paragraphs
    )
    # nh3 writes <br>; Wagtail's editor (Draftail) reads only the self-closed <br/> it stores.
    return nh3.clean(rich, tags=SAFE_TAGS, attributes={}).replace("<br>", "<br/>")


def rich_text_to_text(value):
    """Rich text -> the plain text the form shows: the reverse of `text_to_rich_text`."""
    from .blameless import plain_text

    if not value:
        return ""
    value = re.sub(r"</p>\s*", "\n\n", str(value), flags=re.IGNORECASE)
    value = re.sub(r"<br\s*/?>", "\n", value, flags=re.IGNORECASE)
    value = re.sub(r"</li>\s*", "\n", value, flags=re.IGNORECASE)
    return plain_text(value).strip()


def typed_lines(value):
    """The lines of a repeated-input field as typed: one per input, or per line of a textarea
    (the shape it had before, still accepted); blank lines left out."""
    if value is None:
        return []
    values = value if isinstance(value, list | tuple) else [value]
    lines = []
    for item in values:
        text = str(item or "").replace("\r\n", "\n").replace("\r", "\n")
        lines.extend(line for line in text.split("\n") if clean_plain(line))
    return lines


def mark_for_counter(name, field):
    """Let static/js/share-form.js count the characters of a limited text field.

    The browser's own maxlength stays off (it cuts a paste off without a word); the server
    checks the limit and says why.
    """
    field.widget.attrs.pop("maxlength", None)
    limit = getattr(field, "max_length", None)
    if limit and name not in NOT_COUNTED:
        field.widget.attrs["data-char-limit"] = str(limit)
        field.widget.attrs["data-count-from"] = "0" if name in ALWAYS_COUNTED else str(COUNT_FROM)


class StoryBoundField(forms.BoundField):
    """A bound field that knows the blameless check's notes for it (`field.findings`), its
    character counter, whether it is needed, where its error links go, and (for lessons and
    questions) its rows."""

    @property
    def findings(self):
        return getattr(self.form, "findings", {}).get(self.name, [])

    @property
    def notes_id(self):
        return f"{self.auto_id}_notes"

    @property
    def counter_id(self):
        return f"{self.auto_id}_counter"

    @property
    def counter_limit(self):
        """The limit shown from the first key (the counter is then part of the page's HTML)."""
        attrs = self.field.widget.attrs
        if attrs.get("data-count-from") == "0":
            return int(attrs["data-char-limit"])
        return None

    @property
    def requirement(self):
        """What the label says: "always" (even a draft needs it), "submit", or ""."""
        form = self.form
        if self.name in getattr(form, "SUBMIT_REQUIRED", ()):
            return "submit"
        if self.field.required and not isinstance(self.field.widget, forms.RadioSelect):
            return "always"
        return ""

    @property
    def aria_describedby(self):
        """Help, counter, error and notes, in the order they are read (Django's has two)."""
        if not self.auto_id or self.is_hidden:
            return ""
        ids = [f"{self.auto_id}_helptext"] if self.help_text else []
        if self.counter_limit:
            ids.append(self.counter_id)
        if self.errors and not isinstance(self.field, LinesField):
            ids.append(f"{self.auto_id}_error")
        if self.findings:
            ids.append(self.notes_id)
        return " ".join(ids)

    @property
    def error_anchor(self):
        """The id of the input an error summary link moves to."""
        if isinstance(self.field, LinesField) or isinstance(self.field.widget, forms.RadioSelect):
            return f"{self.auto_id}_0"
        return self.id_for_label

    def error_links(self):
        """This field's problems for the error summary: (anchor, message) dicts."""
        if isinstance(self.field, LinesField):
            links = [{"href": f"#{self.auto_id}_0", "message": m} for m in self.group_errors]
            for row in self.rows:
                links += [{"href": f"#{row['id']}", "message": m} for m in row["errors"]]
            return links
        return [{"href": f"#{self.error_anchor}", "message": m} for m in self.errors]

    # Lessons and questions: one input per item.

    def _row_errors(self):
        """{item number: [messages]} and the messages about the whole list."""
        by_number, general = {}, []
        for error in self.errors.as_data():
            messages = list(error)
            number = (error.params or {}).get("number") if error.code == "too_long" else None
            if number:
                by_number.setdefault(number, []).extend(messages)
            else:
                general.extend(messages)
        return by_number, general

    @property
    def group_errors(self):
        return self._row_errors()[1]

    @property
    def rows(self):
        """Each item typed, then a few blank rows to type more (all of them work without
        JavaScript; with it, one blank row stays and "Add a lesson" makes more)."""
        field = self.field
        lines = field.prepare_value(self.value())
        by_number, _general = self._row_errors()
        blanks = max(0, min(field.blank_rows + (0 if lines else 1), field.max_items - len(lines)))
        return [
            self._row(index, value, by_number.get(index + 1, []))
            for index, value in enumerate(lines + [""] * blanks)
        ]

    @property
    def blank_row(self):
        """The row that JavaScript copies for "Add a lesson"; renumbered when it is added."""
        return self._row("__prefix__", "", [])

    def _row(self, index, value, errors):
        number = index + 1 if isinstance(index, int) else index
        words = self.field.words
        return {
            "id": f"{self.auto_id}_{index}",
            "value": value,
            "label": str(words["row"]).format(number=number),
            "remove": str(words["remove"]).format(number=number),
            "errors": errors,
            "limit": LINE_MAX,
            "count_from": COUNT_FROM,
        }


class RepeatedInput(forms.Widget):
    """Any number of inputs of the same name, one item in each (`request.POST.getlist`).

    The share form's template draws the inputs (`StoryBoundField.rows`). One value with line
    breaks, as the textarea this replaced sent, is one item per line.
    """

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            return data.getlist(name)
        value = data.get(name)
        if value is None:
            return []
        return list(value) if isinstance(value, list | tuple) else [value]

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class LinesField(forms.Field):
    """Short items, one per input (or per line of a textarea): lessons and discussion questions.

    `words` holds what the form says about the items: "row" ("Lesson {number}"), "add",
    "remove", "removed", "full", "too_many" and "too_long".
    """

    widget = RepeatedInput
    blank_rows = 2

    def __init__(self, *, max_items, words, **kwargs):
        self.max_items = max_items
        self.words = words
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        return [" ".join(clean_plain(line).split()) for line in typed_lines(value)]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        errors = []
        if len(value) > self.max_items:
            errors.append(
                ValidationError(
                    self.words["too_many"],
                    code="too_many",
                    params={"limit": self.max_items, "count": len(value)},
                )
            )
        for number, item in enumerate(value, start=1):
            if len(item) > LINE_MAX:
                errors.append(
                    ValidationError(
                        self.words["too_long"],
                        code="too_long",
                        params={"number": number, "length": len(item), "limit": LINE_MAX},
                    )
                )
        if errors:
            raise ValidationError(errors)

    def prepare_value(self, value):
        return typed_lines(value)


class LongTextField(forms.CharField):
    """A textarea's text with its line breaks as one character each, as the browser (and the
    character counter) counts them; they are posted as two ("\\r\\n")."""

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


def long_text_field(label, help_text, *, required=False, rows=4, required_message=None):
    """One of the story's long texts: typed as plain paragraphs, kept exactly as typed (no strip)
    so that nothing is lost when the form comes back with an error."""
    return LongTextField(
        label=label,
        required=required,
        max_length=LONG_TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages={"required": required_message} if required_message else None,
    )


class StoryForm(forms.Form):
    """Everything an author writes about a mistake. Field names follow StoryPage's fields.

    `submitting=False` (Save draft) asks only for the title; `True` (Submit for review, and
    the form as first shown) also for the fields in `SUBMIT_REQUIRED`.
    """

    bound_field_class = StoryBoundField
    # Labels say "(required)" and "(needed to submit)"; no browser-side required checks, so
    # that a draft can be saved half written.
    use_required_attribute = False
    SUBMIT_REQUIRED = SUBMIT_REQUIRED

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        help_text=_("A plain headline, for example “A test email went to every customer”."),
        error_messages={"required": _("Give your story a title.")},
    )
    summary = forms.CharField(
        label=_("Summary"),
        max_length=StoryPage._meta.get_field("summary").max_length,
        help_text=_("One line: what went wrong and what changed because of it."),
        error_messages={
            "required": _(
                "Write a one-line summary: what went wrong and what changed because of it."
            )
        },
    )
    happened_month = forms.TypedChoiceField(
        label=_("Month"),
        required=False,
        coerce=int,
        empty_value=None,
        # Django's translated month names (Python's `calendar` follows the server's locale).
        choices=[("", _("Month"))] + list(MONTHS.items()),
    )
    happened_year = forms.IntegerField(
        label=_("Year"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.all(),
        required=False,
        empty_label=_("No team, or several"),
        help_text=_("The team the story belongs to; readers can filter by it."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=MAX_TAGS * (TAG_MAX + 2),
        help_text=format_lazy(
            _("Up to {limit}, separated by commas, for example “email, customers, testing”."),
            limit=MAX_TAGS,
        ),
    )
    part = forms.ChoiceField(
        label=_("Your part in it"),
        choices=StoryPage.Part.choices,
        initial=StoryPage.Part.MADE,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose your part in it."),
        },
    )
    size = forms.ChoiceField(
        label=_("How big was it?"),
        choices=StoryPage.Size.choices,
        initial=StoryPage.Size.SMALL,
        widget=forms.RadioSelect,
        help_text=_(
            "Small: noticed and fixed in a day. Huge: customers or the company felt it for weeks."
        ),
        error_messages={
            "required": _("Choose how big it was."),
        },
    )
    what_happened = long_text_field(
        _("What happened"),
        _("The facts, in order. Leave a blank line between paragraphs."),
        required=True,
        rows=8,
        required_message=_("Say what happened: the facts, in order."),
    )
    who_was_affected = long_text_field(
        _("Who was affected, and how"),
        _("Customers, colleagues, partners: what it meant for them."),
    )
    own_it = long_text_field(
        _("Own it"),
        _("How and how fast the mistake was acknowledged, and to whom."),
    )
    make_it_right = long_text_field(
        _("Make it right"),
        _("What was done for the people affected, going beyond the minimum."),
    )
    learn_and_prevent = long_text_field(
        _("Learn and prevent"),
        _("What changed so that it does not happen again."),
    )
    lessons = LinesField(
        max_items=MAX_LESSONS,
        label=_("Lessons"),
        help_text=format_lazy(
            _(
                "One short sentence each, in order; up to {limit}. They are shown as "
                "“Lesson 1”, “Lesson 2”, …"
            ),
            limit=MAX_LESSONS,
        ),
        words={
            "row": _("Lesson {number}"),
            "add": _("Add a lesson"),
            "remove": _("Remove lesson {number}"),
            "removed": _("Lesson {number} removed."),
            "full": format_lazy(
                _("That is {limit} lessons, as many as a story has."), limit=MAX_LESSONS
            ),
            "too_many": _(
                "Please keep it to %(limit)s lessons at most; there are %(count)s. "
                "Keep the ones that matter most."
            ),
            "too_long": _(
                "Lesson %(number)s has %(length)s characters; please keep each to %(limit)s."
            ),
        },
    )
    questions = LinesField(
        max_items=MAX_QUESTIONS,
        label=_("Discussion questions (optional)"),
        help_text=format_lazy(
            _("For staff meetings that discuss the story; up to {limit}."), limit=MAX_QUESTIONS
        ),
        words={
            "row": _("Question {number}"),
            "add": _("Add a question"),
            "remove": _("Remove question {number}"),
            "removed": _("Question {number} removed."),
            "full": format_lazy(
                _("That is {limit} questions, as many as a story has."), limit=MAX_QUESTIONS
            ),
            "too_many": _("Please keep it to %(limit)s questions at most; there are %(count)s."),
            "too_long": _(
                "Question %(number)s has %(length)s characters; please keep each to %(limit)s."
            ),
        },
    )
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=Series.objects.all(),
        required=False,
        empty_label=_("Not part of a series"),
        help_text=_("For example “I screw up so you don't have to”."),
    )
    identity = forms.ChoiceField(
        label=_("Who may know you wrote it"),
        choices=IDENTITY_CHOICES,
        initial=StoryAuthorship.NAMED,
        required=False,
        widget=forms.RadioSelect,
    )
    # "This is a repeat of …" from "Has this happened before?" (stories/similar.py): the id of a
    # published story, set by static/js/similar-stories.js or by the panel's own buttons
    # (`mark_repeat`, which also work without JavaScript). Moderators confirm it.
    repeat_suggestion = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, submitting=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = {}
        self.submitting = submitting
        for name, field in self.fields.items():
            mark_for_counter(name, field)
        if not submitting:
            for name in SUBMIT_REQUIRED:
                self.fields[name].required = False

    def clean_title(self):
        return " ".join(clean_plain(self.cleaned_data["title"]).split())

    def clean_repeat_suggestion(self):
        """The published story the author says this repeats, or None ("none": not a repeat).

        Never an error the author would have to fix: an id that is not a published story
        (unpublished since, or made up) is dropped.
        """
        chosen = page_id(self.data.get("mark_repeat") or self.cleaned_data["repeat_suggestion"])
        if chosen is None:
            return None
        return StoryPage.objects.live().filter(id=chosen).first()

    def clean_summary(self):
        return " ".join(clean_plain(self.cleaned_data["summary"]).split())

    def clean_what_happened(self):
        # strip=False keeps the author's line breaks, so Django's own "required" lets spaces or
        # control characters through; they would leave the story empty when it is saved.
        value = self.cleaned_data["what_happened"]
        field = self.fields["what_happened"]
        if field.required and not clean_plain(value):
            raise ValidationError(field.error_messages["required"], code="required")
        return value

    def clean_tags(self):
        names = []
        for raw in self.cleaned_data["tags"].split(","):
            name = " ".join(clean_plain(raw).split())
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
        if len(names) > MAX_TAGS:
            raise ValidationError(
                _("Please choose at most %(limit)s tags; there are %(count)s."),
                params={"limit": MAX_TAGS, "count": len(names)},
            )
        too_long = [name for name in names if len(name) > TAG_MAX]
        if too_long:
            raise ValidationError(
                _("Each tag can be at most %(limit)s characters: “%(tag)s…” is longer."),
                params={"limit": TAG_MAX, "tag": too_long[0][:TAG_MAX]},
            )
        return names

    def clean_happened_year(self):
        year = self.cleaned_data["happened_year"]
        this_year = timezone.localdate().year
        if year is not None and not EARLIEST_YEAR <= year <= this_year:
            raise ValidationError(
                _("Please give a year between %(earliest)s and %(latest)s."),
                params={"earliest": EARLIEST_YEAR, "latest": this_year},
            )
        return year

    def clean(self):
        cleaned = super().clean()
        month, year = cleaned.get("happened_month"), cleaned.get("happened_year")
        if "happened_year" in self.errors or "happened_month" in self.errors:
            return cleaned
        if (month is None) != (year is None):
            self.add_error(
                "happened_year" if year is None else "happened_month",
                _("Please give both the month and the year, or neither."),
            )
        elif month and year:
            today = timezone.localdate()
            if (year, month) > (today.year, today.month):
                self.add_error("happened_month", _("That month is still to come."))
        return cleaned

    @property
    def happened_on(self):
        month, year = (
            self.cleaned_data.get("happened_month"),
            self.cleaned_data.get("happened_year"),
        )
        if month and year:
            return datetime.date(year, month, 1)
        return None

    def story_data(self, actions):
        """The cleaned values, ready for `stories.sharing.save_story`."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "happened_on": self.happened_on,
            "team": data["team"],
            "series": data["series"],
            "tags": data["tags"],
            "part": data["part"] or StoryPage._meta.get_field("part").default,
            "size": data["size"] or StoryPage._meta.get_field("size").default,
            "what_happened": text_to_rich_text(data["what_happened"]),
            "who_was_affected": text_to_rich_text(data["who_was_affected"]),
            "own_it": text_to_rich_text(data["own_it"]),
            "make_it_right": text_to_rich_text(data["make_it_right"]),
            "learn_and_prevent": text_to_rich_text(data["learn_and_prevent"]),
            "lessons": data["lessons"],
            "questions": data["questions"],
            "actions": actions,
            "anonymous": data["identity"] != StoryAuthorship.NAMED,
            "erase_identity": data["identity"] == StoryAuthorship.ANONYMOUS,
            "suggested_repeat_of": data["repeat_suggestion"],
        }

    def check_values(self):
        """What the blameless check reads: the typed values, cleaned or not."""
        names = ["title", "summary", "what_happened", "who_was_affected", "own_it"]
        names += ["make_it_right", "learn_and_prevent", "lessons", "questions"]
        return {name: self._typed(name) for name in names}

    def typed_anonymity(self):
        """(anonymous?, team or None) as typed, cleaned or not: the re-identification notes
        follow the box and the team as the author changes them."""
        from home.ids import page_id

        from .models import Team

        if not self.is_bound:
            identity, team_id = self.initial.get("identity"), self.initial.get("team")
        else:
            identity = self._typed_identity()
            team_id = page_id(self.data.get(self.add_prefix("team")))
        anonymous = identity in (StoryAuthorship.CONFIDENTIAL, StoryAuthorship.ANONYMOUS)
        team = Team.objects.filter(pk=team_id).first() if anonymous and team_id else None
        return bool(anonymous), team

    def identity_options(self):
        """The identity radio buttons, each with the sentence that explains it."""
        return [(choice, IDENTITY_EXPLAINED[choice.data["value"]]) for choice in self["identity"]]

    def _typed_identity(self):
        """The identity choice as posted. A bare "anonymous" box (forms and browser copies made
        before the three choices) means anonymous to colleagues, as it did then."""
        identity = self.data.get(self.add_prefix("identity"))
        if identity in dict(IDENTITY_CHOICES):
            return identity
        legacy = self.data.get(self.add_prefix("anonymous"))
        return StoryAuthorship.CONFIDENTIAL if legacy else StoryAuthorship.NAMED

    def clean_identity(self):
        return self._typed_identity()

    def _typed(self, name):
        if self.is_bound:
            widget = self.fields[name].widget
            value = widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        else:
            value = self.initial.get(name, "")
        if isinstance(value, list | tuple):
            value = "\n".join(str(item) for item in value)
        return str(value or "")[:LONG_TEXT_MAX]

    @classmethod
    def initial_for(cls, story, authorship):
        """Form values for the latest revision of `story`."""
        happened = story.happened_on
        return {
            "title": story.title,
            "summary": story.summary,
            "happened_month": happened.month if happened else None,
            "happened_year": happened.year if happened else None,
            "team": story.team_id,
            "series": story.series_id,
            "tags": ", ".join(tag.name for tag in story.tags.all()),
            "part": story.part,
            "size": story.size,
            "what_happened": rich_text_to_text(story.what_happened),
            "who_was_affected": rich_text_to_text(story.who_was_affected),
            "own_it": rich_text_to_text(story.own_it),
            "make_it_right": rich_text_to_text(story.make_it_right),
            "learn_and_prevent": rich_text_to_text(story.learn_and_prevent),
            "lessons": [lesson.text for lesson in story.lessons.all()],
            "questions": [question.text for question in story.questions.all()],
            "identity": authorship.identity,
            "repeat_suggestion": story.suggested_repeat_of_id or "",
        }


class ActionForm(forms.Form):
    """One corrective action. A row left empty is ignored; a draft may keep a half-filled one,
    a story sent for review needs what will change and who owns it."""

    bound_field_class = StoryBoundField
    use_required_attribute = False

    description = forms.CharField(
        label=_("What will change"),
        required=False,
        max_length=CorrectiveAction._meta.get_field("description").max_length,
    )
    owner = forms.CharField(
        label=_("Owning team or role"),
        required=False,
        max_length=CorrectiveAction._meta.get_field("owner_role").max_length,
        help_text=_(
            "A team's name, a role, or both: “Support · the on-call engineer”. Never a person's "
            "name."
        ),
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        # ISO, the only value an <input type="date"> shows; the site's en-GB format
        # ("15/12/2026") is dropped by the browser, and the date with it.
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=CorrectiveAction.Status.choices,
        initial=CorrectiveAction.Status.OPEN,
    )

    def __init__(self, *args, submitting=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.submitting = submitting
        for name, field in self.fields.items():
            mark_for_counter(name, field)

    def clean_description(self):
        return " ".join(clean_plain(self.cleaned_data["description"]).split())

    def clean_owner(self):
        return " ".join(clean_plain(self.cleaned_data["owner"]).split())

    def clean(self):
        cleaned = super().clean()
        if self.is_blank() or not self.submitting:
            return cleaned
        if not cleaned.get("description") and "description" not in self.errors:
            self.add_error("description", _("Please describe the action, or clear the row."))
        if not cleaned.get("owner") and "owner" not in self.errors:
            self.add_error("owner", _("Please say which team or role owns it."))
        return cleaned

    def is_blank(self):
        if not self.is_bound:
            return False
        typed = [
            self.data.get(self.add_prefix(name), "").strip()
            for name in ("description", "owner", "due_date")
        ]
        return not any(typed)


class BaseActionFormSet(forms.BaseFormSet):
    """The corrective actions, as rows that JavaScript adds and removes (see `rows`)."""

    words = {
        "row": _("Corrective action {number}"),
        "add": _("Add a corrective action"),
        "remove": _("Remove corrective action {number}"),
        "removed": _("Corrective action {number} removed."),
        "full": format_lazy(
            _("That is {limit} corrective actions, as many as a story has."), limit=MAX_ACTIONS
        ),
    }
    default_error_messages = {
        "missing_management_form": _(
            "Part of the form was missing; please reload the page. Nothing was saved."
        ),
        "too_many_forms": format_lazy(
            _("Please keep it to {limit} corrective actions at most."), limit=MAX_ACTIONS
        ),
        "too_few_forms": _("Please add at least one corrective action."),
    }

    def actions(self):
        """The filled-in, not removed rows, as dicts for `save_story`."""
        rows = []
        teams = {team.name.lower(): team for team in Team.objects.all()}
        for form in self.forms:
            if form.is_blank() or (self.can_delete and self._should_delete_form(form)):
                continue
            team, role = owner_from_text(form.cleaned_data["owner"], teams)
            rows.append(
                {
                    "description": form.cleaned_data["description"],
                    "owner_team": team,
                    "owner_role": role,
                    "due_date": form.cleaned_data["due_date"],
                    "status": form.cleaned_data.get("status") or CorrectiveAction.Status.OPEN,
                }
            )
        return rows

    def check_values(self):
        texts = []
        for form in self.forms:
            if form.is_bound:
                texts.append(
                    " — ".join(
                        form.data.get(form.add_prefix(name), "")[:LINE_MAX]
                        for name in ("description", "owner")
                    )
                )
            else:
                texts.append(
                    f"{form.initial.get('description', '')} — {form.initial.get('owner', '')}"
                )
        return texts

    def _row(self, form, number, saved):
        return {
            "form": form,
            "label": str(self.words["row"]).format(number=number),
            "remove": str(self.words["remove"]).format(number=number),
            # Rows that were saved before get a "Remove this action" box (without JavaScript;
            # with it, the "Remove" button takes the row away).
            "saved": saved,
        }

    def rows(self):
        initial = self.initial_form_count()
        return [
            self._row(form, number, number <= initial)
            for number, form in enumerate(self.forms, start=1)
        ]

    @property
    def template_row(self):
        """The row that JavaScript copies for "Add a corrective action"."""
        return self._row(self.empty_form, "__prefix__", False)

    def error_links(self):
        """The list's and each row's problems for the error summary."""
        links = [
            {"href": f"#{ACTIONS_ANCHOR}", "message": message} for message in self.non_form_errors()
        ]
        for number, form in enumerate(self.forms, start=1):
            for name in form.fields:
                field = form[name]
                links += [
                    {
                        "href": f"#{field.id_for_label}",
                        "message": format_lazy(
                            _("Corrective action {number}: {message}"),
                            number=number,
                            message=message,
                        ),
                    }
                    for message in field.errors
                ]
        return links


ActionFormSet = forms.formset_factory(
    ActionForm,
    formset=BaseActionFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_ACTIONS,
    validate_max=True,
    absolute_max=MAX_ACTIONS,
)
BLANK_ACTION_ROWS = 2


def action_formset(data=None, story=None, submitting=True):
    """The actions formset: bound to `data`, or filled from `story` plus a few blank rows."""
    form_kwargs = {"submitting": submitting}
    if data is not None:
        return ActionFormSet(data, prefix="actions", form_kwargs=form_kwargs)
    initial = []
    if story is not None:
        initial = [
            {
                "description": action.description,
                "owner": action.owner_label,
                "due_date": action.due_date,
                "status": action.status,
            }
            for action in story.actions.all()
        ]
    formset = ActionFormSet(initial=initial, prefix="actions", form_kwargs=form_kwargs)
    formset.extra = max(
        0, min(BLANK_ACTION_ROWS + (1 if not initial else 0), MAX_ACTIONS - len(initial))
    )
    return formset


def error_summary(form, formset):
    """Every problem on the page, in its order, each linked to its field (GOV.UK's pattern)."""
    links = [{"href": "", "message": message} for message in form.non_field_errors()]
    for name in form.fields:
        links += form[name].error_links()
        if name == "lessons":  # the corrective actions come next on the page
            links += formset.error_links()
    return links
