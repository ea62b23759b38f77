from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


def phrase_language(code):
    """The language part of a language code, as phrases are stored: "en-gb" -> "en"."""
    return (code or "en").split("-")[0].lower()


def phrase_language_choices():
    return [(phrase_language(code), name) for code, name in settings.LANGUAGES]


class BlamelessPhraseQuerySet(models.QuerySet):
    def for_language(self, code):
        """Active phrases of the language `code`, and English ones for the fallback: one query
        (the checker keeps English only when the language has none, `phrases_for`)."""
        return self.filter(is_active=True, language__in={phrase_language(code), "en"})


class BlamelessPhrase(models.Model):
    """A blaming word or phrase the blameless check looks for, with a kinder way to say it.

    Data, not code: the Culture team edits the list in the admin. Each phrase belongs to one
    language: the check reads the phrases of the writer's language (English if it has none).
    """

    language = models.CharField(
        _("language"),
        max_length=10,
        default="en",
        db_index=True,
        help_text=_("The language of the phrase: stories in this language are checked for it."),
    )
    phrase = models.CharField(
        max_length=80,
        help_text=_("Matched as whole words, ignoring case, for example “should have known”."),
    )
    suggestion = models.CharField(
        max_length=250,
        help_text=_(
            "A kinder way to say it, for example “the check we relied on didn't catch it”."
        ),
    )
    is_active = models.BooleanField(default=True)

    objects = BlamelessPhraseQuerySet.as_manager()

    panels = [
        # The languages the site speaks, read when the form is built: adding one to
        # settings.LANGUAGES needs no migration.
        FieldPanel("language", widget=forms.Select(choices=phrase_language_choices)),
        FieldPanel("phrase"),
        FieldPanel("suggestion"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["language", "phrase"]
        constraints = [
            models.UniqueConstraint(
                fields=["language", "phrase"], name="unique_phrase_per_language"
            )
        ]

    def __str__(self):
        return self.phrase


class IdentifyingDetail(models.Model):
    """A word or phrase that would point at the author of an anonymous story: a job title only a
    few people hold, a customer or supplier the Culture team treats as sensitive, or a
    first-person detail ("my first week"). Data the Culture team edits; stories/reidentification.py
    looks for it while an anonymous story is written and reviewed.
    """

    JOB_TITLE = "job_title"
    CUSTOMER = "customer"
    PERSONAL = "personal"
    KINDS = [
        (JOB_TITLE, _("Job title few people hold")),
        (CUSTOMER, _("Sensitive customer or supplier")),
        (PERSONAL, _("Personal detail")),
    ]

    term = models.CharField(
        _("word or phrase"),
        max_length=80,
        unique=True,
        help_text=_("Matched as whole words, ignoring case, for example “Head of Payroll”."),
    )
    kind = models.CharField(max_length=20, choices=KINDS, default=PERSONAL)
    suggestion = models.CharField(
        max_length=250,
        blank=True,
        help_text=_(
            "A wording that says the same without pointing at anyone, for example “someone in "
            "payroll”. Left empty, a general one for the kind is shown."
        ),
    )
    is_active = models.BooleanField(default=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("kind"),
        FieldPanel("suggestion"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["kind", "term"]
        verbose_name = _("identifying detail")
        verbose_name_plural = _("identifying details")

    def __str__(self):
        return self.term
