"""A mail backend for tests that refuses one address, the way an SMTP server can."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend

REFUSED = "broken@example.com"


class RefusingBackend(EmailBackend):
    def send_messages(self, messages):
        for message in messages:
            if REFUSED in message.recipients():
                raise smtplib.SMTPRecipientsRefused({REFUSED: (550, b"Mailbox unavailable")})
        return super().send_messages(messages)
