"""Forms: the campaign page's admin form (dates and events checked together), copying a campaign
to new dates, and the period of the insights dashboard."""

import datetime

from django import forms
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import Page

from .timeframes import local_today, site_timezone

MAX_PERIOD_DAYS = 366 * 10
# Dates far outside these overflow the date arithmetic (a window's end is the day after its last).
EARLIEST_DAY = datetime.date(1990, 1, 1)
YEARS_AHEAD = 10


def latest_day(today=None):
    today = today or local_today()
    return datetime.date(today.year + YEARS_AHEAD, 12, 31)


def out_of_range_message():
    return _("Choose a date between %(first)s and %(last)s.") % {
        "first": date_format(EARLIEST_DAY, _("j M Y")),
        "last": date_format(latest_day(), _("j M Y")),
    }


def in_range(day):
    return EARLIEST_DAY <= day <= latest_day()


def date_range_text(start, end):
    first = date_format(start, _("j M") if start.year == end.year else _("j M Y"))
    last = date_format(end, _("j M Y"))
    return f"{first} – {last}"


def overlapping_campaign(start, end, exclude_pk=None):
    """A live campaign sharing at least one day with start..end, or None.

    Only live campaigns count: a draft (a fresh copy, say) never blocks another campaign; it is
    checked when it is saved with its own dates.
    """
    from .models import CampaignPage

    queryset = CampaignPage.objects.live().filter(start_date__lte=end, end_date__gte=start)
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    return queryset.order_by("start_date").first()


def overlap_message(other):
    return _(
        "These dates overlap “%(title)s” (%(dates)s). Campaigns cannot run at the same time: "
        "choose dates outside it."
    ) % {"title": other.title, "dates": date_range_text(other.start_date, other.end_date)}


class CampaignPageForm(WagtailAdminPageForm):
    """Checks the dates and the events together, with the message next to the field at fault."""

    def clean(self):
        cleaned_data = super().clean()
        start, end = cleaned_data.get("start_date"), cleaned_data.get("end_date")
        if not (start and end):
            return cleaned_data
        for name, day in (("start_date", start), ("end_date", end)):
            if not in_range(day):
                self.add_error(name, out_of_range_message())
        if not (in_range(start) and in_range(end)):
            return cleaned_data
        if end < start:
            self.add_error(
                "end_date", _("The end date is before the start date. Choose a later end date.")
            )
            return cleaned_data
        other = overlapping_campaign(start, end, exclude_pk=self.instance.pk)
        if other is not None:
            self.add_error("start_date", overlap_message(other))
        self._check_events(start, end)
        return cleaned_data

    def _check_events(self, start, end):
        formset = self.formsets.get("events")
        if formset is None:
            return
        tz = site_timezone()
        outside = 0
        for form in formset.forms:
            if form.errors or not form.has_changed() and not form.instance.pk:
                continue
            if formset.can_delete and form.cleaned_data.get("DELETE"):
                continue
            for field in ("starts_at", "ends_at"):
                moment = form.cleaned_data.get(field)
                if moment and not start <= moment.astimezone(tz).date() <= end:
                    form.add_error(
                        field,
                        _(
                            "This is outside the campaign (%(dates)s). "
                            "Move the event or the campaign's dates."
                        )
                        % {"dates": date_range_text(start, end)},
                    )
                    outside += 1
        if outside:
            self.add_error(
                None,
                _("Some events fall outside the campaign's dates; see the Events section."),
            )


class CopyCampaignForm(forms.Form):
    """Start a new campaign from an earlier one: a new title and start date; same length."""

    title = forms.CharField(
        label=_("Title"), max_length=255, help_text=_("The new campaign's name.")
    )
    start_date = forms.DateField(
        label=_("Start date"),
        widget=AdminDateInput(),
        help_text=_("The first day of the new campaign. Its length and its events move with it."),
    )
    slug = forms.SlugField(
        label=_("Slug"),
        required=False,
        max_length=255,
        help_text=_("Optional: the last part of the address. Made from the title when left empty."),
    )

    def __init__(self, *args, campaign, **kwargs):
        self.campaign = campaign
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = campaign.title
        # A yearly campaign is the usual case: suggest the same day next year.
        try:
            self.fields["start_date"].initial = campaign.start_date.replace(
                year=campaign.start_date.year + 1
            )
        except ValueError:  # 29 February
            self.fields["start_date"].initial = None

    def clean(self):
        cleaned_data = super().clean()
        start = cleaned_data.get("start_date")
        title = cleaned_data.get("title")
        if start is None or not title:
            return cleaned_data
        if start == self.campaign.start_date:
            self.add_error("start_date", _("Choose a different start date from the original's."))
            return cleaned_data
        if not in_range(start):
            self.add_error("start_date", out_of_range_message())
            return cleaned_data
        end = start + (self.campaign.end_date - self.campaign.start_date)
        cleaned_data["end_date"] = end
        other = overlapping_campaign(start, end)
        if other is not None:
            self.add_error("start_date", overlap_message(other))
        parent = self.campaign.get_parent()
        slug = cleaned_data.get("slug")
        if slug:
            if not Page._slug_is_available(slug, parent):
                self.add_error(
                    "slug",
                    _("The address “%(slug)s” is already in use. Choose another.") % {"slug": slug},
                )
        else:
            slug = slugify(title)[:240] or "campaign"
            if not Page._slug_is_available(slug, parent):
                slug = f"{slug}-{start:%Y-%m}"
            if not Page._slug_is_available(slug, parent):
                self.add_error("slug", _("Choose an address for the new campaign."))
        cleaned_data["slug"] = slug
        return cleaned_data


class InsightsPeriodForm(forms.Form):
    """The period the dashboard and the CSV export cover, and the campaign to compare."""

    date_from = forms.DateField(label=_("From"), required=False, widget=AdminDateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=AdminDateInput())
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=None,
        required=False,
        # `id`, not `pk`: on SQLite a huge pk of a page subclass overflows instead of matching.
        to_field_name="id",
        empty_label=_("Latest campaign"),
        help_text=_("Compared with the same number of days just before it."),
    )

    def __init__(self, *args, **kwargs):
        from .models import CampaignPage

        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = CampaignPage.objects.order_by("-start_date")

    @staticmethod
    def default_period(today=None):
        today = today or local_today()
        first = (today.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
        for _month in range(10):
            first = (first - datetime.timedelta(days=1)).replace(day=1)
        return first, today

    def clean(self):
        cleaned_data = super().clean()
        default_from, default_to = self.default_period()
        date_from = cleaned_data.get("date_from")
        date_to = cleaned_data.get("date_to")
        for name in ("date_from", "date_to"):
            if cleaned_data.get(name) and not in_range(cleaned_data[name]):
                self.add_error(name, out_of_range_message())
        if "date_from" in self.errors or "date_to" in self.errors:
            return cleaned_data
        date_from = date_from or (default_from if not date_to else date_to.replace(day=1))
        date_to = date_to or max(default_to, date_from)
        if date_to < date_from:
            self.add_error("date_to", _("“To” is before “From”. Choose a later date."))
        elif (date_to - date_from).days > MAX_PERIOD_DAYS:
            self.add_error("date_from", _("Choose a period of at most ten years."))
        cleaned_data["date_from"], cleaned_data["date_to"] = date_from, date_to
        return cleaned_data
