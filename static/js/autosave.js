// Autosave of "Share a mistake" (templates/stories/share/form.html; stories/views/autosave.py).
// Nothing typed is lost:
// - every change is copied into this browser (localStorage, a key per user and story) at once,
//   and that copy stays until the server has what it holds, or until sign-out (static/js/site.js);
// - every 30 seconds after a change, and when the author leaves the page, the form is sent to the
//   server's autosave buffer (never a new revision; a story in review stays in review), and
//   "Saved 10:42" is shown quietly;
// - on opening the form, what was typed since the last save is put back: this browser's copy if
//   there is one (say the session ran out, or the tab was closed before the server had it), else
//   the server's autosave; a note says so and offers to discard it.
// The page after a real save ("Save draft", "Submit for review", "Preview") tells site.js which
// copies to drop. Every word shown comes from the form's data-* attributes, so it is translated.
(() => {
    "use strict";

    const form = document.querySelector("form[data-share-form][data-autosave-url]");
    if (!form || !window.fetch) {
        return;
    }
    const EVERY_MS = Number(form.dataset.autosaveEvery) || 30000;
    const COPY_AFTER_MS = 400;
    const key = `ownit:draft:${form.dataset.autosaveUser}:${form.dataset.autosaveKey}`;
    const status = form.querySelector("[data-autosave-status]");
    const notice = document.querySelector("[data-autosave-notice]");
    const announcer = form.querySelector("[data-announcer]");
    let changes = 0; // how many changes since the page opened
    let sentChanges = 0; // how many of them the server has
    let copyTimer;
    let submitting = false;
    let signingOut = false;

    function storage() {
        try {
            return window.localStorage;
        } catch {
            return null; // Storage switched off: the server's autosave still works.
        }
    }

    function typed() {
        return Array.from(new FormData(form)).filter(
            ([name, value]) => typeof value === "string" && name !== "csrfmiddlewaretoken",
        );
    }

    function clock(iso) {
        return new Date(iso).toLocaleTimeString(document.documentElement.lang || undefined, {
            hour: "2-digit",
            minute: "2-digit",
        });
    }

    function say(message, { aloud = false } = {}) {
        status.textContent = message;
        if (aloud && announcer) {
            announcer.textContent = "";
            window.setTimeout(() => {
                announcer.textContent = message;
            }, 50);
        }
    }

    // Keeping a copy in this browser.
    function keepCopy() {
        const store = storage();
        if (store) {
            try {
                store.setItem(key, JSON.stringify({ at: new Date().toISOString(), fields: typed() }));
            } catch {
                // Full: the server's autosave still has it every 30 seconds.
            }
        }
    }

    function dropCopy() {
        const store = storage();
        if (store) {
            store.removeItem(key);
        }
    }

    function readCopy() {
        const store = storage();
        try {
            const copy = store && JSON.parse(store.getItem(key) || "null");
            return copy && Array.isArray(copy.fields) ? copy : null;
        } catch {
            return null;
        }
    }

    // Sending it to the server.
    async function send() {
        if (submitting || changes === sentChanges) {
            return;
        }
        const upTo = changes;
        let response;
        try {
            response = await fetch(form.dataset.autosaveUrl, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { Accept: "application/json" },
            });
        } catch {
            say(form.dataset.autosaveFailed, { aloud: true });
            return;
        }
        const json = (response.headers.get("Content-Type") || "").includes("application/json");
        if (!response.ok || !json || response.redirected) {
            // Signed out (the session ran out): the sign-in page answers instead.
            const signedOut = response.redirected || response.status === 403 || !json;
            say(signedOut ? form.dataset.autosaveSignedOut : form.dataset.autosaveFailed, { aloud: true });
            return;
        }
        const answer = await response.json();
        sentChanges = Math.max(sentChanges, upTo);
        say(answer.message);
        if (changes === upTo) {
            dropCopy(); // The server has everything this copy held.
        }
    }

    function changed() {
        changes += 1;
        window.clearTimeout(copyTimer);
        copyTimer = window.setTimeout(keepCopy, COPY_AFTER_MS);
    }

    // Putting back what was typed.
    function putBack(fields) {
        const values = new Map();
        for (const [name, value] of fields) {
            if (!values.has(name)) {
                values.set(name, []);
            }
            values.get(name).push(value);
        }
        // Enough rows first (share-form.js adds them), then every field in the page's order.
        form.querySelectorAll("[data-rows]").forEach((group) => {
            const total = group.dataset.totalInput && document.getElementById(group.dataset.totalInput);
            const line = group.querySelector("[data-row] input[type=text]");
            const count = total ? Number((values.get(total.name) || [0])[0]) : (values.get(line && line.name) || []).length;
            group.dispatchEvent(new CustomEvent("share:ensure-rows", { detail: { count } }));
        });
        const seen = new Map();
        for (const element of form.elements) {
            const name = element.name;
            if (!name || name === "csrfmiddlewaretoken" || element.type === "submit" || element.type === "button") {
                continue;
            }
            if (/-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/.test(name)) {
                continue; // share-form.js keeps these in step with the rows.
            }
            const list = values.get(name) || [];
            if (element.type === "checkbox" || element.type === "radio") {
                element.checked = list.includes(element.value);
                continue;
            }
            const index = seen.get(name) || 0;
            seen.set(name, index + 1);
            const value = list[index] ?? "";
            if (element.value !== value) {
                element.value = value;
                element.dispatchEvent(new Event("input", { bubbles: true }));
            }
        }
    }

    function offer(fields, message) {
        putBack(fields);
        changes += 1; // What was put back is not saved as a revision yet.
        notice.querySelector("[data-autosave-notice-text]").textContent = message;
        notice.hidden = false;
    }

    const copy = readCopy();
    const waiting = document.getElementById("autosave-waiting");
    const showingErrors = document.querySelector("[data-error-summary]");
    if (showingErrors) {
        // The form as just posted, with its problems: nothing to put back, it is all here, but
        // not saved: keep a copy and send it at the next tick.
        changes += 1;
        keepCopy();
    } else if (copy) {
        offer(copy.fields, form.dataset.autosaveRestoredDevice.replace("{time}", clock(copy.at)));
        sentChanges = 0; // The server may not have it: send it at the next tick.
    } else if (waiting) {
        offer(JSON.parse(waiting.textContent), form.dataset.autosaveRestoredServer.replace("{time}", clock(form.dataset.autosaveWaitingAt)));
        sentChanges = changes; // The server's own autosave: nothing new to send.
    }
    notice.querySelector("[data-autosave-discard]").addEventListener("submit", () => {
        submitting = true;
        dropCopy();
    });

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("share:changed", changed);
    form.addEventListener("submit", () => {
        // Keep the copy: if the session ran out, the sign-in page comes next and the copy is
        // what brings the text back. The page after a successful save drops it (site.js).
        submitting = true;
        window.clearTimeout(copyTimer);
        keepCopy();
    });
    window.setInterval(send, EVERY_MS);
    // Leaving the page (closing the tab, following a link): one last send the browser
    // finishes on its own, and the copy stays until the next page confirms.
    // Signing out (site.js has dropped the copies): the server may still take the text, but no
    // copy is left in this browser.
    document.addEventListener("ownit:signing-out", () => {
        signingOut = true;
        window.clearTimeout(copyTimer);
    });
    window.addEventListener("pagehide", () => {
        if (!submitting && changes !== sentChanges) {
            window.clearTimeout(copyTimer);
            if (!signingOut) {
                keepCopy();
            }
            if (navigator.sendBeacon) {
                navigator.sendBeacon(form.dataset.autosaveUrl, new FormData(form));
            }
        }
    });
})();
