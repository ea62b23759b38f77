"""“You said, we did”: the thread between the Culture review team and a story's author.

Moderators and the Culture team write from the admin without learning who the author is; the
author reads and answers in My stories, or through the private return link (anonymous to
everyone). Each new message emails the other side, without the story's text. An author who chose
anonymous to everyone gets no email: their messages wait behind the return link.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext_lazy

from home.languages import speaking_to
from home.roles import CULTURE_TEAM, MODERATORS, user_has_role
from home.site_address import absolute_url

from .models import StoryAuthorship, StoryMessage
from .models.replies import MESSAGE_MAX


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("Write a message first.")},
    )


def is_reviewer(user):
    return user_has_role(user, MODERATORS) or user_has_role(user, CULTURE_TEAM)


def thread(story):
    return list(StoryMessage.objects.filter(story=story).select_related("written_by"))


def post_team_message(story, user, text):
    message = StoryMessage.objects.create(story=story, written_by=user, text=text)
    authorship = StoryAuthorship.objects.select_related("author").filter(story=story).first()
    author = authorship.author if authorship else None
    if author is not None and author.email and not authorship.erase_when_published:
        _send(
            gettext_lazy("A message about your story “%(title)s”"),
            {"title": story.title},
            "stories/email/message_to_author.txt",
            {
                "story": story,
                "message": message,
                "url": absolute_url(reverse("stories:messages", args=[story.pk])),
            },
            [author],
        )
    return message


def post_author_message(story, text):
    """The author's message: it records no user, so it never names them."""
    message = StoryMessage.objects.create(story=story, from_author=True, text=text)
    reviewers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[MODERATORS, CULTURE_TEAM])
        .exclude(email="")
        .distinct()
    )
    # One email per address (an address shared by two accounts gets one), in address order.
    recipients = list(
        {user.email: user for user in sorted(reviewers, key=lambda u: u.email)}.values()
    )
    if recipients:
        _send(
            gettext_lazy("The author of “%(title)s” wrote back"),
            {"title": story.title},
            "stories/email/message_to_reviewers.txt",
            {
                "story": story,
                "message": message,
                "url": absolute_url(reverse("stories_messages", args=[story.pk])),
            },
            recipients,
        )
    return message


def _send(subject, subject_values, template, context, recipients):
    """One email per recipient (reviewers do not see each other's addresses), each in the
    recipient's language."""
    context["site_name"] = getattr(settings, "WAGTAIL_SITE_NAME", "Own It")
    emails = []
    for user in recipients:
        with speaking_to(user):
            emails.append(
                EmailMessage(
                    subject=str(subject) % subject_values,
                    body=render_to_string(template, context),
                    to=[user.email],
                )
            )
    transaction.on_commit(lambda: [email.send(fail_silently=True) for email in emails])
