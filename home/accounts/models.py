from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import sealing


class CompanyAccount(models.Model):
    """A person's account at the company's identity provider, linked to their account here.

    It is found by issuer and subject: the provider's stable identifier for the person, which
    survives a new name or email address (an email can be given to someone else later).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="company_account",
        verbose_name=_("user"),
    )
    issuer = models.CharField(_("issuer"), max_length=255)
    subject = models.CharField(_("subject"), max_length=255)
    # Sealed with a key derived from SECRET_KEY (sealing.py): a database dump alone does not let
    # anyone act at the provider. sync_accounts uses it to ask whether the person is still there.
    sealed_refresh_token = models.TextField(_("refresh token (sealed)"), blank=True, default="")
    last_signed_in_at = models.DateTimeField(_("last company sign-in"), null=True, blank=True)
    last_checked_at = models.DateTimeField(
        _("last checked with the provider"), null=True, blank=True
    )
    # Set when sync_accounts deactivated the user because the provider refused their refresh
    # token; the provider vouching for them again at their next sign-in brings the account back.
    # Any other deactivation (in the admin) clears it, and such an account stays off.
    left_at = models.DateTimeField(_("deactivated as a leaver"), null=True, blank=True)

    class Meta:
        verbose_name = _("company account")
        verbose_name_plural = _("company accounts")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="company_account_subject")
        ]

    def __str__(self):
        return f"{self.issuer} {self.subject}"

    @property
    def refresh_token(self):
        return sealing.unseal(self.sealed_refresh_token)

    @refresh_token.setter
    def refresh_token(self, value):
        self.sealed_refresh_token = sealing.seal(value) if value else ""
