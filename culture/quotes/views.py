"""Front-end views: the archive, a quote's page, its wallpapers, and the digest subscription."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from taggit.models import Tag

from home.models import SiteSettings

from .models import DigestSubscription, Quote
from .schedule import live_week
from .wallpaper import SIZES, wallpaper_png

ARCHIVE_PER_PAGE = 12


def can_preview(user):
    """The Culture team (anyone who may edit quotes) sees quotes before they go live."""
    return user.is_authenticated and user.has_perm("quotes.change_quote")


def visible_quotes(user):
    if can_preview(user):
        return Quote.objects.all()
    return Quote.objects.live()


class QuoteArchive:
    """What the archive shows for one query string, read only when its fragment is not cached.

    The template keys its fragment by the "quotes" version, the live week (a quote goes live at
    Monday 08:08 with nothing written), the words, the tag and the page asked for; every
    property that queries is read inside that fragment.
    """

    def __init__(self, request):
        self.now = timezone.now()
        self.week = live_week(self.now)
        # PostgreSQL refuses a NUL character in any text it compares, so it never reaches a query.
        self.query = request.GET.get("q", "").replace("\x00", "").strip()[:200]
        self.tag_slug = request.GET.get("tag", "").replace("\x00", "").strip()[:100]
        self.page = request.GET.get("page", "")[:10]

    @cached_property
    def live_quotes(self):
        return Quote.objects.live(self.now).prefetch_related("tags").order_by("-week")

    @cached_property
    def tag(self):
        if not self.tag_slug:
            return None
        # Tags are shared with stories: only a tag on a live quote counts, so that the archive
        # confirms neither a draft story's tag nor a quote that is not live yet.
        return Tag.objects.filter(
            slug=self.tag_slug,
            quotes_quotetag_items__content_object__in=self.live_quotes.values("pk"),
        ).first()

    @cached_property
    def page_obj(self):
        quotes = self.live_quotes
        if self.tag_slug:
            quotes = quotes.filter(tags=self.tag) if self.tag else quotes.none()
        if self.query:
            quotes = quotes.filter(
                Q(text__icontains=self.query)
                | Q(author__icontains=self.query)
                | Q(source__icontains=self.query)
            )
        return Paginator(quotes, ARCHIVE_PER_PAGE).get_page(self.page)

    @cached_property
    def current(self):
        return Quote.objects.current(self.now)

    @property
    def query_string(self):
        tag = self.tag
        return urlencode(
            {key: value for key, value in (("q", self.query), ("tag", tag and tag.slug)) if value}
        )


def archive(request):
    """Every quote that has gone live, newest first. Future quotes are never listed here."""
    archive = QuoteArchive(request)
    return render(
        request,
        "quotes/archive.html",
        # `query` also fills the header's search box, as on the other listings.
        {"archive": archive, "query": archive.query},
    )


def detail(request, pk):
    quote = get_object_or_404(visible_quotes(request.user).prefetch_related("tags"), pk=pk)
    return render(
        request,
        "quotes/quote_detail.html",
        {
            "quote": quote,
            "is_live": quote.is_live(),
            "is_current": quote == Quote.objects.current(),
            "sizes": SIZES.values(),
        },
    )


def wallpaper(request, pk, size):
    """A live quote as a PNG wallpaper. Unknown sizes and unpublished quotes are 404s."""
    wallpaper_size = SIZES.get(size)
    if wallpaper_size is None:
        raise Http404("No wallpaper in that size")
    quote = get_object_or_404(visible_quotes(request.user), pk=pk)
    png = wallpaper_png(quote, wallpaper_size, SiteSettings.for_request(request))
    response = HttpResponse(png, content_type="image/png")
    week = quote.week.isoformat() if quote.week else "unscheduled"
    response["Content-Disposition"] = (
        f'attachment; filename="quote-of-the-week-{week}-{wallpaper_size.filename_part}.png"'
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


# The digest subscription


@login_not_required
@csrf_exempt  # the token is the credential; mail clients' one-click POST (RFC 8058) has no CSRF token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe from the weekly digest, by the token in the email; no sign-in.

    GET only shows a button (link scanners and previews must not unsubscribe anyone); POST acts.
    A POST of `List-Unsubscribe=One-Click` (RFC 8058) is what mail clients send.
    """
    subscription = get_object_or_404(DigestSubscription, token=token)
    done = None
    if request.method == "POST":
        subscribe = request.POST.get("action") == "subscribe"
        subscription.subscribed = subscribe
        subscription.save(update_fields=["subscribed", "updated_at"])
        done = "subscribed" if subscribe else "unsubscribed"
    return render(
        request,
        "quotes/unsubscribe.html",
        {"subscription": subscription, "done": done, "site_settings_url": reverse("account")},
    )


@require_POST
def subscription(request):
    """The switch on the user's own settings page."""
    row = DigestSubscription.objects.for_user(request.user)
    row.subscribed = request.POST.get("action") == "subscribe"
    row.save(update_fields=["subscribed", "updated_at"])
    if row.subscribed:
        messages.success(request, _("You will get the weekly digest by email."))
    else:
        messages.success(request, _("You won't get the weekly digest any more."))
    return redirect(reverse("account") + "#weekly-digest")
