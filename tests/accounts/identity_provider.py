"""A real OpenID Connect provider for the tests, on 127.0.0.1, built with Authlib's server.

Authlib does the protocol (authorization codes, PKCE, client authentication, ID tokens, refresh
tokens); this module gives it what a framework integration would: requests and responses over
the standard library's HTTP server, and the provider's people and tokens in memory. The site
under test talks to it over real HTTP, exactly as it talks to Keycloak or Entra ID.

The browser's side (following the redirect to /authorize and back) is played by the tests with
`requests`; the provider signs in whoever `signed_in_as` names, as if they had typed a password.
Switches make it misbehave the ways a broken or hostile provider would: `sign_with_wrong_key`,
`wrong_nonce`.
"""

import json
import random
import secrets
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from authlib.oauth2.rfc6749 import AuthorizationServer, OAuth2Payload, OAuth2Request
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant, RefreshTokenGrant
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core import UserInfo
from authlib.oidc.core.grants import OpenIDCode
from joserfc.jwk import RSAKey


def new_signing_key(kid):
    return RSAKey.generate_key(2048, parameters={"kid": kid, "use": "sig", "alg": "RS256"})


@dataclass
class Person:
    """Someone the provider knows."""

    sub: str
    email: str
    given_name: str = ""
    family_name: str = ""
    preferred_username: str = ""
    groups: list = field(default_factory=list)
    email_verified: bool = True
    disabled: bool = False


@dataclass
class Client:
    client_id: str
    client_secret: str
    redirect_uris: list

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope):
        return scope

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type in ("authorization_code", "refresh_token")


@dataclass
class AuthorizationCode:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    sub: str
    nonce: str
    code_challenge: str
    code_challenge_method: str
    auth_time: int

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return None

    def get_amr(self):
        return None


@dataclass
class RefreshToken:
    token: str
    client_id: str
    scope: str
    sub: str

    def check_client(self, client):
        return client.client_id == self.client_id

    def get_scope(self):
        return self.scope


class Payload(OAuth2Payload):
    def __init__(self, values):
        self._values = values

    @property
    def data(self):
        return {key: values[0] for key, values in self._values.items()}

    @property
    def datalist(self):
        return defaultdict(list, self._values)


class Request(OAuth2Request):
    def __init__(self, method, uri, headers, query, form):
        super().__init__(method, uri, headers=headers)
        self._query, self._form = query, form
        self.payload = Payload({**query, **form})

    @property
    def args(self):
        return {key: values[0] for key, values in self._query.items()}

    @property
    def form(self):
        return {key: values[0] for key, values in self._form.items()}


class IdentityProvider(AuthorizationServer):
    """The provider: Authlib's authorization server plus the state it asks its framework for."""

    def __init__(self, client_id, client_secret, redirect_uri, signing_key):
        super().__init__(scopes_supported=["openid", "email", "profile", "offline_access"])
        self.client = Client(client_id, client_secret, [redirect_uri])
        self.signing_key = signing_key
        self.people = {}
        self.signed_in_as = None
        self.codes = {}
        self.refresh_tokens = {}
        self.access_tokens = {}
        self.ended_sessions = []
        # Paths asked for, in order, and the token endpoint's refusals.
        self.requests_seen = []
        self.token_errors = []
        self.sign_with_wrong_key = False
        self.wrong_nonce = False
        self.expired_id_token = False
        self.id_token_for_another_client = False
        # Seconds the provider's clock is ahead of the site's.
        self.clock_ahead = 0
        self.lock = threading.Lock()
        self.register_token_generator(
            "default",
            BearerTokenGenerator(
                access_token_generator=lambda **kwargs: secrets.token_urlsafe(24),
                refresh_token_generator=lambda **kwargs: secrets.token_urlsafe(24),
            ),
        )
        provider = self

        class CodeGrant(AuthorizationCodeGrant):
            def save_authorization_code(self, code, request):
                data = request.payload.data
                provider.codes[code] = AuthorizationCode(
                    code=code,
                    client_id=request.client.client_id,
                    redirect_uri=data.get("redirect_uri", ""),
                    scope=data.get("scope", ""),
                    sub=request.user.sub,
                    nonce=data.get("nonce", ""),
                    code_challenge=data.get("code_challenge", ""),
                    code_challenge_method=data.get("code_challenge_method", ""),
                    auth_time=int(time.time()),
                )

            def query_authorization_code(self, code, client):
                found = provider.codes.get(code)
                return found if found and found.client_id == client.client_id else None

            def delete_authorization_code(self, authorization_code):
                # A code is good for one exchange only.
                provider.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code):
                return provider.people.get(authorization_code.sub)

        class RefreshGrant(RefreshTokenGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]
            INCLUDE_NEW_REFRESH_TOKEN = True

            def authenticate_refresh_token(self, refresh_token):
                found = provider.refresh_tokens.get(refresh_token)
                # Deleted or disabled people's tokens are refused (invalid_grant).
                if found is None:
                    return None
                person = provider.people.get(found.sub)
                return found if person is not None and not person.disabled else None

            def authenticate_user(self, refresh_token):
                return provider.people.get(refresh_token.sub)

            def revoke_old_credential(self, refresh_token):
                provider.refresh_tokens.pop(refresh_token.token, None)

        class OpenID(OpenIDCode):
            def exists_nonce(self, nonce, request):
                return False

            def resolve_client_private_key(self, client):
                if provider.sign_with_wrong_key:
                    # Same key id, another key: the signature cannot be verified with the JWKS.
                    return new_signing_key(provider.signing_key.kid)
                return provider.signing_key

            def get_encode_header(self, client):
                return {"alg": "RS256", "kid": provider.signing_key.kid}

            def get_client_claims(self, client):
                claims = {"iss": provider.issuer, "aud": [client.client_id]}
                return {**claims, **provider.id_token_claims()}

            def get_authorization_code_claims(self, authorization_code):
                claims = super().get_authorization_code_claims(authorization_code)
                if provider.wrong_nonce:
                    claims["nonce"] = "not-the-nonce-the-site-sent"
                return claims

            def generate_user_info(self, user, scope):
                return provider.user_info(user)

        self.register_grant(CodeGrant, [CodeChallenge(required=True), OpenID(require_nonce=True)])
        self.register_grant(RefreshGrant)

    # What a framework integration provides.
    def query_client(self, client_id):
        return self.client if client_id == self.client.client_id else None

    def save_token(self, token, request):
        self.access_tokens[token["access_token"]] = request.user.sub
        if token.get("refresh_token"):
            self.refresh_tokens[token["refresh_token"]] = RefreshToken(
                token["refresh_token"],
                request.client.client_id,
                token.get("scope", ""),
                request.user.sub,
            )

    def send_signal(self, name, *args, **kwargs):
        pass

    def create_oauth2_request(self, request):
        return request

    def handle_response(self, status, body, headers):
        return status, body, headers

    def stop(self):
        """The provider goes down: its port refuses connections from now on."""
        self.server.shutdown()
        self.server.server_close()

    def id_token_claims(self):
        """Claims that override the ID token's usual ones when a switch is on."""
        now = int(time.time()) + self.clock_ahead
        claims = {"iat": now, "exp": now + 300, "auth_time": now}
        if self.expired_id_token:
            claims.update(iat=now - 900, exp=now - 600)
        if self.id_token_for_another_client:
            claims["aud"] = ["someone-else"]
        return claims

    # The people.
    def add_person(self, **fields):
        person = Person(**fields)
        self.people[person.sub] = person
        return person

    def user_info(self, person):
        return UserInfo(
            sub=person.sub,
            email=person.email,
            email_verified=person.email_verified,
            given_name=person.given_name,
            family_name=person.family_name,
            preferred_username=person.preferred_username,
            groups=list(person.groups),
        )

    def discovery_document(self):
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    # HTTP.
    def respond(self, method, path, query, form, headers):
        """(status, body, headers) for one HTTP request."""
        self.requests_seen.append(path)
        request = Request(method, f"{self.issuer}{path}", headers, query, form)
        if path == "/.well-known/openid-configuration":
            return 200, self.discovery_document(), []
        if path == "/jwks":
            return 200, {"keys": [self.signing_key.as_dict(private=False)]}, []
        if path == "/authorize":
            person = self.people.get(self.signed_in_as)
            grant = self.get_authorization_grant(request)
            return self.create_authorization_response(request, grant_user=person, grant=grant)
        if path == "/token" and method == "POST":
            status, body, headers = self.create_token_response(request)
            if status != 200:
                self.token_errors.append(body.get("error"))
            return status, body, headers
        if path == "/userinfo":
            token = headers.get("Authorization", "").removeprefix("Bearer ")
            sub = self.access_tokens.get(token)
            if sub is None:
                return 401, {"error": "invalid_token"}, []
            return 200, dict(self.user_info(self.people[sub])), []
        if path == "/logout":
            self.ended_sessions.append({key: values[0] for key, values in query.items()})
            return 302, "", [("Location", query["post_logout_redirect_uri"][0])]
        return 404, {"error": "not_found"}, []


def serve(provider):
    """Start `provider` on 127.0.0.1 at a free port between 8200 and 8999; returns the server."""

    class Handler(BaseHTTPRequestHandler):
        def handle_one(self, method):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode() if length else ""
            with provider.lock:
                status, payload, headers = provider.respond(
                    method,
                    parts.path,
                    parse_qs(parts.query),
                    parse_qs(body),
                    dict(self.headers.items()),
                )
            data = payload if isinstance(payload, str) else json.dumps(payload)
            self.send_response(status)
            for name, value in headers:
                self.send_header(name, value)
            if data:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data.encode())))
            self.end_headers()
            self.wfile.write(data.encode())

        def do_GET(self):
            self.handle_one("GET")

        def do_POST(self):
            self.handle_one("POST")

        def log_message(self, *args):
            pass

    ports = random.sample(range(8200, 9000), 50)
    for port in ports:
        try:
            server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
            break
        except OSError:
            continue
    else:
        raise RuntimeError("No free port between 8200 and 8999")
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    provider.server = server
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
