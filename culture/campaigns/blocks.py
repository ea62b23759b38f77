"""The "ways to take part" of a campaign: ordered blocks, each one invitation to do something.

Links to other parts of the site (the share form, the meeting-pack starter) are worked out when
the page is shown, so a campaign copied a year later still points at the right places.
"""

from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from home.blocks import PublishedPageChooserBlock

SIMPLE_TEXT = ["bold", "italic", "link", "ol", "ul"]


def _first_live_url(model_label):
    from django.apps import apps

    model = apps.get_model(model_label)
    page = model.objects.live().only("id", "url_path", "path", "depth").first()
    return page.url if page else None


class LinkedStructValue(blocks.StructValue):
    """A block value that knows where its button goes."""

    def link_url(self):
        page = self.get("page")
        if page is not None and page.live:
            return page.url
        return self.block.default_url()


class MeetingAgendaValue(LinkedStructValue):
    """ "Start a meeting pack" starts one; from the chosen pack's agenda when a pack is chosen."""

    def link_url(self):
        page = self.get("page")
        if page is not None and page.live and page.specific_class.__name__ == "MeetingPackPage":
            return f"{reverse('meetings:start')}?from={page.pk}"
        return super().link_url()


class WayBlock(blocks.StructBlock):
    """What every way to take part has: a heading and a short invitation."""

    heading = blocks.CharBlock(max_length=80)
    text = blocks.RichTextBlock(features=SIMPLE_TEXT, required=False)

    def default_url(self):
        return None


class QuoteOfTheWeekBlock(WayBlock):
    """Invites people to share the quote of the week, and shows the one that is live now."""

    def get_context(self, value, parent_context=None):
        from culture.quotes.models import Quote

        context = super().get_context(value, parent_context)
        # Never a quote before its Monday 08:08: only weeks already live are considered.
        context["quote"] = Quote.objects.current()
        return context

    class Meta:
        icon = "openquote"
        label = _("Share the quote of the week")
        template = "campaigns/blocks/quote_of_the_week.html"
        description = _(
            "Invites everyone to share this week's quote; shows the quote that is live."
        )
        preview_value = {
            "heading": _("Share the quote of the week"),
            "text": _(
                "<p>Every Monday at 08:08 a new quote goes live. Post it in your team chat.</p>"
            ),
        }


class MeetingAgendaBlock(WayBlock):
    """Put Mistake Management on your staff meeting's agenda, with a link to a meeting-pack starter."""

    # Published packs only, as for stories: a draft's id posted by hand is refused (home.blocks).
    page = PublishedPageChooserBlock(
        required=False,
        page_type=["meetings.MeetingPacksIndexPage", "meetings.MeetingPackPage"],
        help_text=_(
            "Optional: a meeting pack to start from. Leave empty to link to the meeting packs."
        ),
    )
    link_label = blocks.CharBlock(max_length=60, default=_("Start a meeting pack"))

    def default_url(self):
        # "Start a meeting pack" (culture/meetings/start.py): a lead gets a new draft pack;
        # anyone else is taken to the meeting packs.
        return reverse("meetings:start")

    class Meta:
        icon = "list-ul"
        label = _("Put it on your staff meeting agenda")
        template = "campaigns/blocks/meeting_agenda.html"
        value_class = MeetingAgendaValue
        description = _("Asks team leads to give Mistake Management a slot in their staff meeting.")
        preview_value = {
            "heading": _("Put Mistake Management on your agenda"),
            "text": _("<p>Fifteen minutes, one story, two questions. The pack does the rest.</p>"),
            "link_label": _("Start a meeting pack"),
        }


class ShareStoryBlock(WayBlock):
    """Invites people to share a story, linking to the share form."""

    link_label = blocks.CharBlock(max_length=60, default=_("Share a story"))

    def default_url(self):
        try:
            return reverse("stories:share")
        except NoReverseMatch:
            return _first_live_url("stories.StoriesIndexPage")

    class Meta:
        icon = "edit"
        label = _("Share a story")
        template = "campaigns/blocks/share_story.html"
        value_class = LinkedStructValue
        description = _("A button to the form where anyone shares a story, named or anonymous.")
        preview_value = {
            "heading": _("Share your story"),
            "text": _(
                "<p>Named or anonymous, big or small: what happened, and what you learned.</p>"
            ),
            "link_label": _("Share a story"),
        }


class PublishedStoryChooserBlock(PublishedPageChooserBlock):
    """A published story; a draft, a story in review or an unpublished one is refused."""

    refused_message = _("This story is not published. Choose a published story.")

    def __init__(self, page_type="stories.StoryPage", **kwargs):
        super().__init__(page_type=page_type, **kwargs)


class CaseStoriesStructValue(blocks.StructValue):
    def live_stories(self):
        return [story for story in self.get("stories") or [] if story is not None and story.live]


class CaseStoriesBlock(WayBlock):
    """Stories chosen for study in meetings during the campaign."""

    stories = blocks.ListBlock(
        PublishedStoryChooserBlock(),
        min_num=1,
        max_num=12,
    )

    class Meta:
        icon = "doc-full"
        label = _("Case stories")
        template = "campaigns/blocks/case_stories.html"
        value_class = CaseStoriesStructValue
        description = _("A few published stories to read and discuss, chosen by the Culture team.")
        preview_value = {
            "heading": _("Case stories to discuss"),
            "text": _("<p>Pick one for your next staff meeting.</p>"),
            "stories": [],
        }


class CelebrateBlock(WayBlock):
    """The celebration: a recipe to bake (the mistake cake) or an event to come to."""

    kind = blocks.ChoiceBlock(
        choices=[("recipe", "A recipe"), ("event", _("An event")), ("other", _("Something else"))],
        default="recipe",
    )
    link = blocks.URLBlock(required=False, help_text=_("Optional: the full recipe or the invite."))
    link_label = blocks.CharBlock(max_length=60, required=False, default=_("Find out more"))

    class Meta:
        icon = "pick"
        label = _("Celebrate")
        template = "campaigns/blocks/celebrate.html"
        description = _("Celebrating learning: a mistake cake recipe, a party, anything joyful.")
        preview_value = {
            "heading": _("Bake a mistake cake"),
            "kind": "recipe",
            "text": _("<p>Any cake that went a bit wrong, shared with the team.</p>"),
        }


class WorkshopBlock(WayBlock):
    """Book a workshop with the Culture team."""

    booking_url = blocks.URLBlock(required=False, label=_("Booking link"))
    booking_email = blocks.EmailBlock(required=False, label=_("Or booking email"))
    link_label = blocks.CharBlock(max_length=60, default=_("Book a workshop"))

    def clean(self, value):
        value = super().clean(value)
        if not value.get("booking_url") and not value.get("booking_email"):
            raise StructBlockValidationError(
                block_errors={
                    "booking_url": ValidationError(
                        _("Give a booking link or an email address so people can book.")
                    )
                }
            )
        return value

    class Meta:
        icon = "group"
        label = _("Book a workshop")
        template = "campaigns/blocks/workshop.html"
        description = _("How a team books a Mistake Management workshop.")
        preview_value = {
            "heading": _("Book a workshop"),
            "text": _("<p>Ninety minutes for your team with the Culture team.</p>"),
            "booking_email": "culture@example.com",
            "link_label": _("Book a workshop"),
        }


class FreeTextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Free text")
        template = "campaigns/blocks/free_text.html"
        description = _("Anything else, in plain words.")
        preview_value = _("<p>Questions? Ask the Culture team any time.</p>")


class WaysToTakePartBlock(blocks.StreamBlock):
    quote_of_the_week = QuoteOfTheWeekBlock()
    meeting_agenda = MeetingAgendaBlock()
    share_story = ShareStoryBlock()
    case_stories = CaseStoriesBlock()
    celebrate = CelebrateBlock()
    workshop = WorkshopBlock()
    free_text = FreeTextBlock(features=SIMPLE_TEXT + ["h3"])

    class Meta:
        block_counts = {"quote_of_the_week": {"max_num": 1}, "share_story": {"max_num": 1}}
