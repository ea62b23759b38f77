"""Demo: a personal API token for Erin, so "Your settings" lists one and curl can try the API.

Only with the demo accounts (DEBUG). The secret is printed once, when the token is made, as the
settings page shows it once; a later run keeps the token and prints no secret.
"""

from wagtail.models import APIToken

from home.site_address import absolute_url

DEMO_TOKEN_NAME = "Team dashboard (demo)"


def load(demo):
    erin = demo.users.get("erin")
    if erin is None:
        return
    if APIToken.objects.filter(user=erin, name=DEMO_TOKEN_NAME).exists():
        demo.say("API: Erin's demo token exists (its secret was shown when it was made).")
        return
    secret = APIToken.create_token(user=erin, name=DEMO_TOKEN_NAME)[1]
    demo.say(
        "API: a token for erin, shown this once. Try:\n"
        f'  curl -H "Authorization: Bearer {secret}" '
        f'"{absolute_url("/api/v2/pages/")}?type=stories.StoryPage&fields=byline,tags"'
    )
