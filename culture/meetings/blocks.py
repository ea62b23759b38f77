"""The agenda of a meeting pack: one StreamBlock of timed items.

Every item has `minutes`. The logic readers and exports need (clock times, which questions to ask,
whether a story may still be shown, the plain-text lines of an item) lives in the StructValue
subclasses here, so that the templates in templates/blocks/ stay markup.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.rich_text import RichText
from wagtail.snippets.blocks import SnippetChooserBlock

from home.blocks import ChoosableOnlyMixin, PublishedPageChooserBlock, Withheld

MAX_ITEM_MINUTES = 240
MINUTES_MESSAGE = _("Give this item at least 1 minute.")
EMPTY_AGENDA_MESSAGE = _(
    "The agenda is empty. Add at least one item, for example a story to discuss or an open round."
)
# Neither message names what was posted: a draft's id is answered like an id never used.
STORY_NOT_PUBLISHED_MESSAGE = _("This story is not published. Choose a published story.")
QUOTE_NOT_LIVE_MESSAGE = _("This quote is not live yet: choose a quote from this week or before.")
PREVIEW_TEMPLATE = "blocks/agenda_preview.html"

DEFAULT_OPEN_ROUND_PROMPT = _("Share a mistake you made this month and what you learned from it.")
DEFAULT_OWN_IT_PROMPT = _(
    "Own it: when one of us makes a mistake, who do we tell, how, and how fast?"
)
DEFAULT_MAKE_IT_RIGHT_PROMPT = _(
    "Make it right: what do we do for the people affected, going beyond the minimum?"
)
DEFAULT_PREVENT_PROMPT = _(
    "Stop it happening again: what do we change, who owns the change, and how do we share the lesson?"
)
DEFAULT_DRILL_QUESTION = _("What would you do now?")
DEFAULT_CELEBRATION_TITLE = _("Mistake cake")
DEFAULT_CELEBRATION_TEXT = _(
    "Cake for the bravest story of the month: who owned a mistake in the open, "
    "so that the rest of us could learn from it?"
)


class MinutesBlock(blocks.IntegerBlock):
    """Minutes for an item: a whole number from 1 to 240, with a message that says so.

    Not `required`, so that an empty box gets the same clear message as zero or a negative number
    (and so that Wagtail's "save draft without required fields" does not let a 0 through).
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Minutes"))
        kwargs.setdefault("max_value", MAX_ITEM_MINUTES)
        kwargs["required"] = False
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value is None or value < 1:
            raise ValidationError(MINUTES_MESSAGE)
        return value


class StoryChooserBlock(PublishedPageChooserBlock):
    """Chooses a published story; fetches every story of an agenda in one go, with what the pack
    shows.

    Only a live story may be chosen (see home.blocks). Stories already on the agenda load
    whether live or not, so that the editor keeps a story that was unpublished later (and can say
    so); readers get only live ones through `StoryItemValue.live_story`.
    """

    refused_message = STORY_NOT_PUBLISHED_MESSAGE

    def __init__(self, page_type="stories.StoryPage", **kwargs):
        super().__init__(page_type=page_type, **kwargs)

    def bulk_to_python(self, values):
        # One query for the stories with their authorship (for `byline`), one each for their
        # lessons and questions, however many stories the agenda has.
        queryset = self.model_class.objects.select_related("authorship__author").prefetch_related(
            "lessons", "questions"
        )
        objects = queryset.in_bulk([value for value in values if value is not None])
        return [objects.get(value) for value in values]


class QuoteChooserBlock(ChoosableOnlyMixin, SnippetChooserBlock):
    """Chooses a live Quote of the Week: the quotes the chooser offers a team lead.

    Whoever can edit a pack reads its quote in the editor and its revisions, so a pack holds only
    quotes that are live for everyone (`Quote.objects.live()`, the chooser's own queryset), even
    when the Culture team builds it. A quote that is not live yet, in a revision saved before this
    rule, loads as `Withheld`: the editor shows an empty chooser, readers see the slot without its
    words, and the id is kept, so the quote appears once its Monday 08:08 has passed.
    """

    refused_message = QUOTE_NOT_LIVE_MESSAGE

    def __init__(self, target_model="quotes.Quote", **kwargs):
        super().__init__(target_model, **kwargs)

    def is_choosable(self, quote):
        return self.model_class.objects.live().filter(pk=quote.pk).exists()

    def to_python(self, value):
        return self.bulk_to_python([value])[0]

    def bulk_to_python(self, values):
        ids = [value for value in values if value is not None]
        live = self.model_class.objects.live().in_bulk(ids)
        # A second query only when some are not live: those that still exist are withheld,
        # deleted ones are gone (None, as Wagtail's chooser blocks give).
        missing = [value for value in ids if value not in live]
        existing = set(
            self.model_class.objects.filter(pk__in=missing).values_list("pk", flat=True)
            if missing
            else ()
        )
        return [
            live.get(value) or (Withheld(value) if value in existing else None) for value in values
        ]


# --- Values ----------------------------------------------------------------------------------


class AgendaItemValue(blocks.StructValue):
    """What every agenda item can tell: its minutes, its clock times and its plain-text lines."""

    kind = _("Item")
    starts_at = None
    ends_at = None

    @property
    def minutes(self):
        return self.get("minutes") or 0

    @property
    def duration(self):
        return datetime.timedelta(minutes=self.minutes)

    def schedule(self, starts_at):
        """Place the item on the clock at `starts_at` (a datetime); returns when it ends."""
        self.starts_at = starts_at
        self.ends_at = starts_at + self.duration
        return self.ends_at

    @property
    def is_shown(self):
        """Whether readers see the item (a story that is no longer published is left out)."""
        return True

    @property
    def heading(self):
        return self.kind

    def text_lines(self):
        """Lines under the heading in the plain-text and calendar versions."""
        return []


class OpeningQuoteValue(AgendaItemValue):
    kind = _("Opening quote")

    @property
    def quote(self):
        return self.get("quote")

    @property
    def live_quote(self):
        """The chosen quote once it is live (its Monday 08:08), else None.

        A pack may be built around next week's Quote of the Week, but nobody outside the Culture
        team sees a quote before it goes live (see culture.quotes): until then the page, PDF,
        calendar and invitation say only that a quote opens the meeting, and the times stay put.
        (Templates must use this, not `value.quote`: a template's dict lookup finds the raw
        block value first.)
        """
        quote = self.get("quote")
        # A withheld quote (see QuoteChooserBlock) is falsy; is_live() guards any other path.
        return quote if quote and quote.is_live() else None

    @property
    def is_shown(self):
        # Withheld counts as chosen: the slot keeps its minutes until the quote goes live.
        return self.quote is not None

    def text_lines(self):
        quote = self.live_quote
        return [f"“{quote.text}” — {quote.author}"] if quote else []


class StoryItemValue(AgendaItemValue):
    kind = _("Story to discuss")
    # Set by MeetingPackPage.restrict_to when the reader may not open the story.
    withheld = False

    @property
    def live_story(self):
        """The story, only while it is published: an unpublished story drops out of the pack.

        (Not `story`: templates look keys up before attributes, and `value.story` is the
        stored story, published or not.)
        """
        story = self.get("story")
        if story is None or not story.live or self.withheld:
            return None
        return story

    @property
    def is_shown(self):
        return self.live_story is not None

    @property
    def heading(self):
        return self.live_story.title if self.live_story else self.kind

    @cached_property
    def discussion_questions(self):
        """The lead's own questions when they wrote some, else the story's discussion questions."""
        own = [text.strip() for text in self.get("questions") or [] if text and text.strip()]
        if own or self.live_story is None:
            return own
        return [question.text for question in self.live_story.questions.all()]

    @property
    def uses_own_questions(self):
        return any(text and text.strip() for text in self.get("questions") or [])

    @property
    def lessons(self):
        return [lesson.text for lesson in self.live_story.lessons.all()] if self.live_story else []

    def text_lines(self):
        if self.live_story is None:
            return []
        lines = [f"By {self.live_story.byline}. {self.live_story.summary}"]
        lines += [f"Q: {question}" for question in self.discussion_questions]
        return lines


class DrillValue(StoryItemValue):
    """A practice drill: the situation up to the mistake, the question, and (later) the reveal.

    Readers of the page see the situation and the question only; `reveal` (how the story went:
    own it, make it right, learn and prevent) is rendered by the reveal view and the PDF's last
    pages, never by the item's own template.
    """

    kind = _("Practice drill")

    @property
    def heading(self):
        return self.live_story.title if self.live_story else self.kind

    @property
    def situation_paragraphs(self):
        text = self.get("situation") or ""
        return [part.strip() for part in text.split("\n\n") if part.strip()]

    @property
    def question(self):
        return self.get("question") or DEFAULT_DRILL_QUESTION

    @property
    def reveal(self):
        """(heading, rich text) of the story's outcome, only while the story may be shown."""
        story = self.live_story
        if story is None:
            return []
        parts = [
            (_("Own it"), story.own_it),
            (_("Make it right"), story.make_it_right),
            (_("Learn and prevent"), story.learn_and_prevent),
        ]
        return [(heading, RichText(text)) for heading, text in parts if text]

    def text_lines(self):
        # The invitation tells the situation and the question; never the outcome.
        if self.live_story is None:
            return []
        return [*self.situation_paragraphs, str(self.question)]


class OpenRoundValue(AgendaItemValue):
    kind = _("Open round")

    def text_lines(self):
        return [self.get("prompt") or ""]


class PlanExerciseValue(AgendaItemValue):
    kind = _("Our plan for mistakes")

    @property
    def prompts(self):
        return [
            prompt
            for prompt in (
                self.get("own_it_prompt"),
                self.get("make_it_right_prompt"),
                self.get("prevent_prompt"),
            )
            if prompt
        ]

    def text_lines(self):
        return list(self.prompts)


class CelebrationValue(AgendaItemValue):
    kind = _("Celebration")

    @property
    def heading(self):
        return self.get("title") or self.kind

    def text_lines(self):
        return [self.get("text")] if self.get("text") else []


class FreeItemValue(AgendaItemValue):
    kind = ""

    @property
    def heading(self):
        return self.get("title") or _("Item")

    def text_lines(self):
        return [self.get("text")] if self.get("text") else []


class FollowUpValue(AgendaItemValue):
    """The team's corrective actions still open past their due date, read when the pack is shown
    (`MeetingPackPage.agenda_items` tells the item its pack): the meeting follows them up."""

    kind = _("Follow-up")
    # Set by MeetingPackPage.agenda_items.
    pack = None

    @property
    def open_actions(self):
        return self.pack.past_due_actions if self.pack is not None else []

    @property
    def heading(self):
        count = len(self.open_actions)
        return ngettext(
            "Follow-up: %(count)d open action", "Follow-up: %(count)d open actions", count
        ) % {"count": count}

    def text_lines(self):
        lines = [self.get("text")] if self.get("text") else []
        for action in self.open_actions:
            owner = f" ({action.owner_label})" if action.owner_label else ""
            due = _("due %(date)s") % {"date": date_format(action.due_date, _("j M Y"))}
            lines.append(f"{action.description}{owner}, {due}: {action.page.title}")
        return lines


# --- Blocks ----------------------------------------------------------------------------------


class OpeningQuoteBlock(blocks.StructBlock):
    quote = QuoteChooserBlock(help_text=_("A quote to open the meeting with."))
    minutes = MinutesBlock(default=2)

    class Meta:
        icon = "openquote"
        template = "blocks/agenda_opening_quote.html"
        value_class = OpeningQuoteValue
        label = _("Opening quote")
        label_format = _("Opening quote · {minutes} min")
        description = _("Open the meeting with a quote about mistakes and learning.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"quote": None, "minutes": 2}


class StoryBlock(blocks.StructBlock):
    story = StoryChooserBlock(help_text=_("A published story to discuss."))
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Question")),
        default=[],
        required=False,
        label=_("Your own questions (optional)"),
        help_text=_("Leave empty to use the story's own discussion questions."),
    )
    minutes = MinutesBlock(default=15)

    class Meta:
        icon = "doc-full"
        template = "blocks/agenda_story.html"
        value_class = StoryItemValue
        label = _("Story to discuss")
        label_format = _("Story · {story} · {minutes} min")
        description = _(
            "Discuss a story: its summary, lessons and questions are printed in the pack."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "story": None,
            "minutes": 15,
            "questions": [_("What would you have done in the first hour?")],
        }


class DrillBlock(blocks.StructBlock):
    """A practice drill ("Wheel of Misfortune") built from a story, for any kind of work.

    Left empty, the situation is proposed from the story's "what happened", cut before the
    outcome (culture/meetings/drills.py): the editor fills it in when the story is chosen, and
    saving fills it in when JavaScript did not. The lead edits it so it stops at the mistake.
    """

    story = StoryChooserBlock(help_text=_("A published story to practise on."))
    situation = blocks.TextBlock(
        label=_("The situation, up to the mistake"),
        required=False,
        max_length=3000,
        help_text=_(
            "What happened, cut before the outcome. Filled in from the story's “what happened” "
            "when you choose a story while this box is empty (or save it empty): edit it so it "
            "stops at the moment of the mistake. Separate paragraphs with a blank line."
        ),
    )
    question = blocks.CharBlock(
        label=_("Question to the team"), default=DEFAULT_DRILL_QUESTION, max_length=200
    )
    minutes = MinutesBlock(default=15)

    class Meta:
        icon = "time"
        template = "meetings/blocks/agenda_drill.html"
        value_class = DrillValue
        label = _("Practice drill")
        label_format = _("Drill · {story} · {minutes} min")
        description = _(
            "Tell a story up to the mistake, ask “What would you do now?”, then reveal how it "
            "was owned, made right and prevented."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "story": None,
            "situation": _("A test email is about to go to the whole customer list."),
            "question": DEFAULT_DRILL_QUESTION,
            "minutes": 15,
        }

    def clean(self, value):
        value = super().clean(value)
        story = value.get("story")
        if story and not (value.get("situation") or "").strip():
            from .drills import propose_situation

            value["situation"] = propose_situation(story)
        return value


class OpenRoundBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(default=DEFAULT_OPEN_ROUND_PROMPT, max_length=500)
    minutes = MinutesBlock(default=10)

    class Meta:
        icon = "group"
        template = "blocks/agenda_open_round.html"
        value_class = OpenRoundValue
        label = _("Open round")
        label_format = _("Open round · {minutes} min")
        description = _("Everyone shares a mistake of their own, around a prompt.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"prompt": DEFAULT_OPEN_ROUND_PROMPT, "minutes": 10}


class PlanExerciseBlock(blocks.StructBlock):
    own_it_prompt = blocks.TextBlock(
        label=_("Own it"), default=DEFAULT_OWN_IT_PROMPT, max_length=500, required=False
    )
    make_it_right_prompt = blocks.TextBlock(
        label=_("Make it right"),
        default=DEFAULT_MAKE_IT_RIGHT_PROMPT,
        max_length=500,
        required=False,
    )
    prevent_prompt = blocks.TextBlock(
        label=_("Stop it happening again"),
        default=DEFAULT_PREVENT_PROMPT,
        max_length=500,
        required=False,
    )
    minutes = MinutesBlock(default=15)

    class Meta:
        icon = "list-ul"
        template = "blocks/agenda_plan_exercise.html"
        value_class = PlanExerciseValue
        label = _("Plan exercise")
        label_format = _("Plan exercise · {minutes} min")
        description = _(
            "The team works on its own plan: how it owns a mistake, makes it right for the "
            "people affected and stops it happening again."
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "own_it_prompt": DEFAULT_OWN_IT_PROMPT,
            "make_it_right_prompt": DEFAULT_MAKE_IT_RIGHT_PROMPT,
            "prevent_prompt": DEFAULT_PREVENT_PROMPT,
            "minutes": 15,
        }


class CelebrationBlock(blocks.StructBlock):
    title = blocks.CharBlock(default=DEFAULT_CELEBRATION_TITLE, max_length=120)
    text = blocks.TextBlock(default=DEFAULT_CELEBRATION_TEXT, max_length=500, required=False)
    minutes = MinutesBlock(default=5)

    class Meta:
        icon = "pick"
        template = "blocks/agenda_celebration.html"
        value_class = CelebrationValue
        label = _("Celebration")
        label_format = _("{title} · {minutes} min")
        description = _("Celebrate owning a mistake, for example with a “mistake cake”.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": DEFAULT_CELEBRATION_TITLE,
            "text": DEFAULT_CELEBRATION_TEXT,
            "minutes": 5,
        }


class FreeItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(max_length=1000, required=False)
    minutes = MinutesBlock(default=5)

    class Meta:
        icon = "edit"
        template = "blocks/agenda_free_item.html"
        value_class = FreeItemValue
        label = _("Free item")
        label_format = _("{title} · {minutes} min")
        description = _("Anything else: a title and a few lines of text.")
        preview_template = PREVIEW_TEMPLATE
        preview_value = {
            "title": _("Actions from last time"),
            "text": _("Check the corrective actions we agreed on."),
            "minutes": 5,
        }


DEFAULT_FOLLOW_UP_TEXT = _("Which of these are done, and what do the others need?")


class FollowUpBlock(blocks.StructBlock):
    """The corrective actions the team owns that are open past their due date (by the meeting
    day), listed live: an action marked done drops out without editing the pack."""

    text = blocks.TextBlock(default=DEFAULT_FOLLOW_UP_TEXT, max_length=500, required=False)
    minutes = MinutesBlock(default=5)

    class Meta:
        icon = "tasks"
        template = "blocks/agenda_follow_up.html"
        value_class = FollowUpValue
        label = _("Follow-up of corrective actions")
        label_format = _("Follow-up · {minutes} min")
        description = _(
            "The team's corrective actions still open past their due date, from every story: "
            "done, or what do they need?"
        )
        preview_template = PREVIEW_TEMPLATE
        preview_value = {"text": DEFAULT_FOLLOW_UP_TEXT, "minutes": 5}


class AgendaBlock(blocks.StreamBlock):
    """The agenda of a meeting pack, in order. It must have at least one item."""

    opening_quote = OpeningQuoteBlock()
    story = StoryBlock()
    drill = DrillBlock()
    open_round = OpenRoundBlock()
    plan_exercise = PlanExerciseBlock()
    celebration = CelebrationBlock()
    free_item = FreeItemBlock()
    follow_up = FollowUpBlock()

    class Meta:
        max_num = 40

    def clean(self, value):
        # Refused even when saving a draft: a pack is its agenda (new packs start with one).
        if len(value) == 0:
            raise StreamBlockValidationError(
                non_block_errors=ErrorList([ValidationError(EMPTY_AGENDA_MESSAGE)])
            )
        return super().clean(value)


# A story added from the suggestions gets these minutes, and goes before the item that closes
# the meeting (the celebration: "Mistake cake" ends it).
STORY_MINUTES = 15
CLOSING_ITEM = "celebration"
# When an added story overruns the target, the editor offers to shorten the open round, but not
# below this: a round of less than five minutes is not a round.
SHORTEST_OPEN_ROUND = 5


def follow_up_item():
    return ("follow_up", {"text": DEFAULT_FOLLOW_UP_TEXT, "minutes": 5})


def with_follow_up(agenda):
    """`agenda` (raw stream data or (type, value) pairs) with a follow-up item before the item
    that closes the meeting, unless it has one already."""
    kinds = [item["type"] if isinstance(item, dict) else item[0] for item in agenda]
    if "follow_up" in kinds:
        return list(agenda)
    closing = kinds.index(CLOSING_ITEM) if CLOSING_ITEM in kinds else len(kinds)
    item = follow_up_item()
    if agenda and isinstance(agenda[0], dict):
        item = {"type": item[0], "value": item[1], "id": str(uuid.uuid4())}
    return [*agenda[:closing], item, *agenda[closing:]]


def default_agenda():
    """The format a new pack starts from: a round, the plan exercise and a celebration (30 min)."""
    return [
        ("open_round", {"prompt": DEFAULT_OPEN_ROUND_PROMPT, "minutes": 10}),
        (
            "plan_exercise",
            {
                "own_it_prompt": DEFAULT_OWN_IT_PROMPT,
                "make_it_right_prompt": DEFAULT_MAKE_IT_RIGHT_PROMPT,
                "prevent_prompt": DEFAULT_PREVENT_PROMPT,
                "minutes": 15,
            },
        ),
        (
            "celebration",
            {"title": DEFAULT_CELEBRATION_TITLE, "text": DEFAULT_CELEBRATION_TEXT, "minutes": 5},
        ),
    ]
