"""Secrets kept in the database, encrypted with a key derived from SECRET_KEY (Fernet).

A refresh token lets its holder ask the provider for fresh tokens; sealed, a database dump or
backup alone is not enough. After SECRET_KEY changes the old tokens cannot be read: `unseal`
gives "" and sync_accounts counts those accounts as not checked until their next sign-in.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet():
    digest = hashlib.sha256(f"own-it.accounts.sealing:{settings.SECRET_KEY}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(text):
    return _fernet().encrypt(text.encode()).decode()


def unseal(sealed):
    if not sealed:
        return ""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return ""
