"""The Culture team runs the Quote of the Week: the quotes and where they are announced."""

from home.roles import CULTURE_TEAM

MODEL_PERMISSIONS = {
    CULTURE_TEAM: [
        "quotes.add_quote",
        "quotes.change_quote",
        "quotes.delete_quote",
        "quotes.view_quote",
        "quotes.change_quotesettings",
    ],
}
PAGE_PERMISSIONS = []
