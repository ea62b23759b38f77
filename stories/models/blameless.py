from django.db import models
from wagtail.admin.panels import FieldPanel


class BlamelessPhrase(models.Model):
    """A blaming word or phrase the blameless check looks for, with a kinder way to say it.

    Data, not code: the Culture team edits the list in the admin.
    """

    phrase = models.CharField(
        max_length=80,
        unique=True,
        help_text="Matched as whole words, ignoring case, for example “should have known”.",
    )
    suggestion = models.CharField(
        max_length=250,
        help_text="A kinder way to say it, for example “the check we relied on didn't catch it”.",
    )
    is_active = models.BooleanField(default=True)

    panels = [FieldPanel("phrase"), FieldPanel("suggestion"), FieldPanel("is_active")]

    class Meta:
        ordering = ["phrase"]

    def __str__(self):
        return self.phrase
