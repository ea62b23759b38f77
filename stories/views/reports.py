"""Reporting a story: the reader's form and "Your reports" (stories/reports.py)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..models import StoryPage, StoryReport
from ..reports import ReportForm, file_report, open_report


def report_story(request, pk):
    """Report a live story the reader can open; one open report per reader and story."""
    story = StoryPage.objects.live().filter(id=pk).visible_to(request).first()
    if story is None:
        raise Http404("No such story")
    existing = open_report(story, request.user)
    form = None
    if existing is None:
        form = ReportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            if file_report(story, request.user, form.cleaned_data) is not None:
                messages.success(
                    request,
                    _(
                        "Thank you for telling us. A moderator will look at it and you will hear "
                        "what happens, by email and under “Your reports”. The author is not told "
                        "who reported it."
                    ),
                )
            return redirect("stories:my_reports")
    return render(
        request,
        "stories/report_form.html",
        {"story": story, "form": form, "existing": existing},
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


def my_reports(request):
    """The reader's own reports and what became of them."""
    reports = (
        StoryReport.objects.filter(reporter=request.user)
        .select_related("story")
        .order_by("status", "-created_at")
    )
    return render(request, "stories/my_reports.html", {"reports": reports})
