"""The front-end "Share a mistake" form: every field of a story, checked and cleaned on the way in.

Employees never see the Wagtail admin, so this form is their editor. What they type is plain
text: it is stored as escaped paragraphs of rich text (so HTML or script typed into any field is
kept as visible text, never markup), and the result goes through nh3 as a second guard because
Wagtail renders rich text without sanitising it. Limits give a clear message next to the field
and keep what was typed.
"""

import calendar
import datetime
import re

import nh3
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.html import escape

from .models import CorrectiveAction, Series, StoryPage, Team
from .models.pages import MAX_ACTIONS, MAX_LESSONS, MAX_QUESTIONS

TITLE_MAX = 150
LONG_TEXT_MAX = 8000
LINE_MAX = 300
MAX_TAGS = 10
TAG_MAX = 40
EARLIEST_YEAR = 1990
# Rich text features of StoryPage that a paragraph of plain text can become.
SAFE_TAGS = {"p", "br"}
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


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


class StoryBoundField(forms.BoundField):
    """A bound field that knows the blameless check's notes for it (`field.findings`)."""

    @property
    def findings(self):
        return getattr(self.form, "findings", {}).get(self.name, [])


class LinesField(forms.CharField):
    """A textarea of short items, one per line: lessons and discussion questions."""

    def __init__(self, *, item_name, max_items, **kwargs):
        self.item_name = item_name
        self.max_items = max_items
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 5}))
        kwargs.setdefault("strip", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        text = clean_plain(super().to_python(value))
        return [" ".join(line.split()) for line in text.split("\n") if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        if len(value) > self.max_items:
            raise ValidationError(
                f"Please keep it to {self.max_items} {self.item_name}s at most; there are "
                f"{len(value)}. Keep the ones that matter most.",
                code="too_many",
            )
        for number, item in enumerate(value, start=1):
            if len(item) > LINE_MAX:
                raise ValidationError(
                    f"{self.item_name.capitalize()} {number} has {len(item)} characters; "
                    f"please keep each to {LINE_MAX}.",
                    code="too_long",
                )

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(value)
        return value


def long_text_field(label, help_text, *, required=False, rows=4):
    """One of the story's long texts: typed as plain paragraphs, kept exactly as typed (no strip)
    so that nothing is lost when the form comes back with an error."""
    return forms.CharField(
        label=label,
        required=required,
        max_length=LONG_TEXT_MAX,
        strip=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class StoryForm(forms.Form):
    """Everything an author writes about a mistake. Field names follow StoryPage's fields."""

    bound_field_class = StoryBoundField

    title = forms.CharField(
        max_length=TITLE_MAX,
        help_text="A plain headline, for example “A test email went to every customer”.",
    )
    summary = forms.CharField(
        max_length=StoryPage._meta.get_field("summary").max_length,
        help_text="One line: what went wrong and what changed because of it.",
    )
    happened_month = forms.TypedChoiceField(
        label="Month",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Month")] + [(n, calendar.month_name[n]) for n in range(1, 13)],
    )
    happened_year = forms.IntegerField(
        label="Year", required=False, widget=forms.NumberInput(attrs={"inputmode": "numeric"})
    )
    team = forms.ModelChoiceField(
        queryset=Team.objects.all(),
        required=False,
        empty_label="No team, or several",
        help_text="The team the story belongs to; readers can filter by it.",
    )
    tags = forms.CharField(
        required=False,
        max_length=MAX_TAGS * (TAG_MAX + 2),
        help_text=f"Up to {MAX_TAGS}, separated by commas, for example “email, customers, testing”.",
    )
    part = forms.ChoiceField(
        label="Your part in it",
        choices=StoryPage.Part.choices,
        initial=StoryPage.Part.MADE,
        widget=forms.RadioSelect,
    )
    size = forms.ChoiceField(
        label="How big was it?",
        choices=StoryPage.Size.choices,
        initial=StoryPage.Size.SMALL,
        widget=forms.RadioSelect,
        help_text="Small: noticed and fixed in a day. Huge: customers or the company felt it for weeks.",
    )
    what_happened = long_text_field(
        "What happened",
        "The facts, in order. Leave a blank line between paragraphs.",
        required=True,
        rows=8,
    )
    who_was_affected = long_text_field(
        "Who was affected, and how",
        "Customers, colleagues, partners: what it meant for them.",
    )
    own_it = long_text_field(
        "Own it",
        "How and how fast the mistake was acknowledged, and to whom.",
    )
    make_it_right = long_text_field(
        "Make it right",
        "What was done for the people affected, going beyond the minimum.",
    )
    learn_and_prevent = long_text_field(
        "Learn and prevent",
        "What changed so that it does not happen again.",
    )
    lessons = LinesField(
        item_name="lesson",
        max_items=MAX_LESSONS,
        label="Lessons",
        help_text=f"One short sentence per line, in order; up to {MAX_LESSONS}. "
        "They are shown as “Lesson 1”, “Lesson 2”, …",
    )
    questions = LinesField(
        item_name="question",
        max_items=MAX_QUESTIONS,
        label="Discussion questions (optional)",
        help_text=f"For staff meetings that discuss the story; one per line, up to {MAX_QUESTIONS}.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    series = forms.ModelChoiceField(
        queryset=Series.objects.all(),
        required=False,
        empty_label="Not part of a series",
        help_text="For example “I screw up so you don't have to”.",
    )
    anonymous = forms.BooleanField(
        label="Post anonymously",
        required=False,
        help_text="Readers see “Anonymous” instead of your name.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.findings = {}
        # A browser's maxlength cuts pasted text off without a word; the server says why instead,
        # and keeps everything that was typed.
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)

    def clean_title(self):
        return " ".join(clean_plain(self.cleaned_data["title"]).split())

    def clean_summary(self):
        return " ".join(clean_plain(self.cleaned_data["summary"]).split())

    def clean_what_happened(self):
        # strip=False keeps the author's line breaks, so Django's own "required" lets spaces or
        # control characters through; they would leave the story empty when it is saved.
        value = self.cleaned_data["what_happened"]
        if not clean_plain(value):
            raise ValidationError(self.fields["what_happened"].error_messages["required"])
        return value

    def clean_tags(self):
        names = []
        for raw in self.cleaned_data["tags"].split(","):
            name = " ".join(clean_plain(raw).split())
            if name and name.lower() not in {n.lower() for n in names}:
                names.append(name)
        if len(names) > MAX_TAGS:
            raise ValidationError(f"Please choose at most {MAX_TAGS} tags; there are {len(names)}.")
        too_long = [name for name in names if len(name) > TAG_MAX]
        if too_long:
            raise ValidationError(
                f"Each tag can be at most {TAG_MAX} characters: “{too_long[0][:TAG_MAX]}…” is longer."
            )
        return names

    def clean_happened_year(self):
        year = self.cleaned_data["happened_year"]
        this_year = timezone.localdate().year
        if year is not None and not EARLIEST_YEAR <= year <= this_year:
            raise ValidationError(f"Please give a year between {EARLIEST_YEAR} and {this_year}.")
        return year

    def clean(self):
        cleaned = super().clean()
        month, year = cleaned.get("happened_month"), cleaned.get("happened_year")
        if "happened_year" in self.errors:
            return cleaned
        if (month is None) != (year is None):
            self.add_error(
                "happened_year" if year is None else "happened_month",
                "Please give both the month and the year, or neither.",
            )
        elif month and year:
            today = timezone.localdate()
            if (year, month) > (today.year, today.month):
                self.add_error("happened_month", "That month is still to come.")
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
            "part": data["part"],
            "size": data["size"],
            "what_happened": text_to_rich_text(data["what_happened"]),
            "who_was_affected": text_to_rich_text(data["who_was_affected"]),
            "own_it": text_to_rich_text(data["own_it"]),
            "make_it_right": text_to_rich_text(data["make_it_right"]),
            "learn_and_prevent": text_to_rich_text(data["learn_and_prevent"]),
            "lessons": data["lessons"],
            "questions": data["questions"],
            "actions": actions,
            "anonymous": data["anonymous"],
        }

    def check_values(self):
        """What the blameless check reads: the typed values, cleaned or not."""
        names = ["title", "summary", "what_happened", "who_was_affected", "own_it"]
        names += ["make_it_right", "learn_and_prevent", "lessons", "questions"]
        return {name: self._typed(name) for name in names}

    def _typed(self, name):
        if self.is_bound:
            value = self.data.get(self.add_prefix(name), "")
        else:
            value = self.initial.get(name, "")
        if isinstance(value, list | tuple):
            value = "\n".join(value)
        return str(value)[:LONG_TEXT_MAX]

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
            "anonymous": authorship.is_anonymous,
        }


class ActionForm(forms.Form):
    """One corrective action. A row left empty is ignored."""

    bound_field_class = StoryBoundField

    description = forms.CharField(
        required=False, max_length=CorrectiveAction._meta.get_field("description").max_length
    )
    owner = forms.CharField(
        label="Owning team or role",
        required=False,
        max_length=CorrectiveAction._meta.get_field("owner").max_length,
        help_text="A team or a role, never a person's name.",
    )
    due_date = forms.DateField(
        label="Due date", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    status = forms.ChoiceField(
        required=False,
        choices=CorrectiveAction.Status.choices,
        initial=CorrectiveAction.Status.OPEN,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.pop("maxlength", None)

    def clean_description(self):
        return " ".join(clean_plain(self.cleaned_data["description"]).split())

    def clean_owner(self):
        return " ".join(clean_plain(self.cleaned_data["owner"]).split())

    def clean(self):
        cleaned = super().clean()
        if self.is_blank():
            return cleaned
        if not cleaned.get("description") and "description" not in self.errors:
            self.add_error("description", "Please describe the action, or clear the row.")
        if not cleaned.get("owner") and "owner" not in self.errors:
            self.add_error("owner", "Please say which team or role owns it.")
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
    default_error_messages = {
        "missing_management_form": "Part of the form was missing; please reload the page. "
        "Nothing was saved.",
        "too_many_forms": f"Please keep it to {MAX_ACTIONS} corrective actions at most.",
        "too_few_forms": "Please add at least one corrective action.",
    }

    def actions(self):
        """The filled-in, not removed rows, as dicts for `save_story`."""
        rows = []
        for form in self.forms:
            if form.is_blank() or (self.can_delete and self._should_delete_form(form)):
                continue
            rows.append(
                {
                    "description": form.cleaned_data["description"],
                    "owner": form.cleaned_data["owner"],
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


def action_formset(data=None, story=None):
    """The actions formset: bound to `data`, or filled from `story` plus a few blank rows."""
    if data is not None:
        return ActionFormSet(data, prefix="actions")
    initial = []
    if story is not None:
        initial = [
            {
                "description": action.description,
                "owner": action.owner,
                "due_date": action.due_date,
                "status": action.status,
            }
            for action in story.actions.all()
        ]
    formset = ActionFormSet(initial=initial, prefix="actions")
    formset.extra = max(
        0, min(BLANK_ACTION_ROWS + (1 if not initial else 0), MAX_ACTIONS - len(initial))
    )
    return formset
