from django.core.management.base import BaseCommand, CommandError

from home.accounts.leavers import ProviderRefusedClient, deactivate_leavers, find_leavers
from home.accounts.provider import ProviderUnavailable, is_configured


class Command(BaseCommand):
    help = (
        "Deactivate the company accounts that the identity provider no longer knows or has "
        "disabled (run daily from cron)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List the leavers without deactivating them."
        )
        parser.add_argument(
            "--max-leavers",
            type=int,
            default=25,
            help="Deactivate nobody if more than this many accounts look gone at once (a "
            "provider-wide token reset, say), until run again with a higher number. Default 25.",
        )

    def handle(self, *args, dry_run=False, max_leavers=25, **options):
        if not is_configured():
            raise CommandError("Company sign-in is not set up (OIDC_ISSUER, OIDC_CLIENT_ID, …).")
        try:
            result = find_leavers()
        except (ProviderUnavailable, ProviderRefusedClient) as error:
            raise CommandError(f"Nobody was deactivated: {error}") from error

        for account in result.leavers:
            self.stdout.write(f"Leaver: {account.user.get_username()} ({account.subject})")
        if len(result.leavers) > max_leavers:
            raise CommandError(
                f"{len(result.leavers)} accounts look gone, more than --max-leavers="
                f"{max_leavers}; nobody was deactivated. Check the provider, then run again with "
                "a higher --max-leavers if they really left."
            )
        if not dry_run:
            deactivate_leavers(result.leavers)
        verb = "would be deactivated" if dry_run else "deactivated"
        self.stdout.write(
            f"{len(result.kept)} still known, {len(result.leavers)} {verb}, "
            f"{len(result.unchecked)} not checked (no refresh token yet)."
        )
