"""Simulated employees for `make load` (bench/load/run.py starts locust with this file).

Each simulated employee signs in through the sign-in form with an account of their own, then
reads as people do: mostly the home page, the stories index and stories, sometimes a search, a
filter, a tag, a meeting pack or the campaign; now and then marks "I learned from this", and
sometimes starts a story and saves a draft. Between two pages a person reads: 4 to 15 seconds.

The paths to read come from the run's seeding, in the JSON file named by LOAD_PATHS.
"""

import json
import os
import random
import re
import time
from pathlib import Path

from locust import HttpUser, between, events, task

PATHS = json.loads(Path(os.environ["LOAD_PATHS"]).read_text()) if "LOAD_PATHS" in os.environ else {}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LEARNED = re.compile(r"/stories/(\d+)/learned/")
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)"[^>]*?value="([^"]*)"')
SEARCH_WORDS = ["invoice", "refund", "deploy", "customer", "backup", "email", "meeting", "late"]
FILTERS = ["?size=large", "?team=support", "?size=small&page=2", "?part=own_it"]


# Kept open for the whole run: locust writes a line per failure.
FAILURE_LOG = os.environ.get("LOAD_FAILURE_LOG") and open(os.environ["LOAD_FAILURE_LOG"], "a")  # noqa: SIM115


@events.request.add_listener
def log_failure(request_type, name, exception=None, **kwargs):
    """The drills (bench/drills/) need to know when each failure happened."""
    if exception and FAILURE_LOG:
        line = {"at": time.time(), "request": f"{request_type} {name}", "error": str(exception)}
        FAILURE_LOG.write(json.dumps(line)[:500] + "\n")
        FAILURE_LOG.flush()


@events.init_command_line_parser.add_listener
def _(parser):
    parser.add_argument("--accounts", type=int, default=500, help="load-user-0 … load-user-N-1")


class Employee(HttpUser):
    wait_time = between(4, 15)
    counter = 0

    def on_start(self):
        # Each simulated person signs in as their own account (the seeding made them).
        Employee.counter += 1
        accounts = self.environment.parsed_options.accounts
        self.username = f"load-user-{Employee.counter % accounts}"
        page = self.client.get("/accounts/login/", name="sign in (form)")
        self.client.post(
            "/accounts/login/",
            {
                "username": self.username,
                "password": PATHS["password"],
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
                "next": "/",
            },
            headers={"Origin": self.host},
            name="sign in",
        )
        self.token = self.client.cookies.get("csrftoken")

    def read(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code == 200 and "/accounts/login/" in response.url:
                response.failure("signed out")
            return response

    @task(6)
    def home(self):
        self.read("/", "home")

    @task(5)
    def index(self):
        self.read(PATHS["index"], "stories index")

    @task(8)
    def story(self):
        self.read(random.choice(PATHS["stories"]), "story page")

    @task(2)
    def search(self):
        self.read(f"/search/?q={random.choice(SEARCH_WORDS)}", "site search")

    @task(2)
    def filtered(self):
        self.read(PATHS["index"] + random.choice(FILTERS), "filtered index")

    @task(1)
    def tag(self):
        self.read(PATHS["tag"], "tag page")

    @task(1)
    def pack(self):
        self.read(PATHS["pack"], "meeting pack")

    @task(1)
    def campaign(self):
        self.read(PATHS["campaign"], "campaign")

    @task(1)
    def learned(self):
        """Read a story, then mark (or unmark) "I learned from this" as the page's script does."""
        page = self.read(random.choice(PATHS["stories"]), "story page")
        found = LEARNED.search(page.text or "")
        if not found:
            return
        self.client.post(
            found.group(0),
            {"learned": random.choice("10"), "csrfmiddlewaretoken": self.csrf(page.text)},
            headers={"Origin": self.host, "Accept": "application/json"},
            name="mark learned",
        )

    @task(1)
    def share(self):
        """Now and then: open the share form, let autosave keep the text, save a draft."""
        if random.random() > 0.3:
            return
        page = self.read("/stories/share/", "share form")
        token = self.csrf(page.text)
        typed = {
            "title": f"A draft from {self.username}",
            "what_happened": "I sent the invoices twice before the checklist existed.",
        }
        self.client.post(
            "/stories/share/autosave/",
            {**typed, "csrfmiddlewaretoken": token},
            headers={"Origin": self.host},
            name="autosave",
        )
        data = dict(HIDDEN.findall(page.text))
        data.update(typed, csrfmiddlewaretoken=token, save="1")
        with self.client.post(
            "/stories/share/",
            data,
            headers={"Origin": self.host},
            name="save draft",
            catch_response=True,
        ) as response:
            if "/stories/mine/" not in response.url:
                response.failure("draft not saved")

    def csrf(self, html):
        found = CSRF.search(html or "")
        return found.group(1) if found else self.client.cookies.get("csrftoken", "")


if os.environ.get("LOAD_RAMP"):
    from locust import LoadTestShape

    STEP_USERS, STEP_SECONDS, MAX_USERS = (int(n) for n in os.environ["LOAD_RAMP"].split(","))

    class StepRamp(LoadTestShape):
        """`bench/load/run.py --ramp`: STEP_USERS more employees every STEP_SECONDS, to find
        where the 95th percentile passes a second."""

        def tick(self):
            if self.get_run_time() >= STEP_SECONDS * (MAX_USERS // STEP_USERS):
                return None  # the last step is over: stop
            step = int(self.get_run_time() // STEP_SECONDS) + 1
            # Five sign-ins a second: each costs the server a password hash (about half a second
            # of CPU), so fifty at once would measure the sign-in rush, not reading.
            return min(step * STEP_USERS, MAX_USERS), 5
