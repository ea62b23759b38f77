"""Reading a page id that came from a form or an address."""

# Above any page id a database hands out, and below what overflows SQLite's integer (a number
# too big for a page subclass's pk raises OverflowError there instead of matching nothing).
MAX_DIGITS = 18


def page_id(value):
    """The id in `value` ("42"), or None for anything else (empty, made up, too long)."""
    value = str(value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:
        return int(value)
    return None
