// "Has this happened before?" beside the share form (templates/stories/share/form.html).
// Without JavaScript the panel is rendered with the form (on opening a saved draft and after each
// save) and its buttons save the draft with the choice. With it:
// - once typing in the title, summary or what happened pauses, the form as typed is posted to the
//   panel's URL and the HTML that comes back replaces the panel's body (nothing is saved);
// - "This is a repeat of it" keeps the choice in the form (saved with the next save) instead of
//   saving at once, and the panel is redrawn to show it;
// - a change in the number of stories found is read out through the form's polite announcer.
// Every word comes from the template's data-* attributes or the server's HTML, so it is translated.
(() => {
    "use strict";

    const form = document.querySelector("form[data-share-form]");
    const panel = document.querySelector("[data-similar-url]");
    if (!form || !panel || !window.fetch) {
        return;
    }
    const body = panel.querySelector("[data-similar-body]");
    const countLabel = panel.querySelector("[data-similar-count-label]");
    const choice = form.querySelector("input[name='repeat_suggestion']");
    const announcer = form.querySelector("[data-announcer]");
    const WATCHED = ["title", "summary", "what_happened"];
    const AFTER_MS = 900;
    let timer;
    let request = 0;
    let shown = currentCount();

    function currentCount() {
        const list = body.querySelector("[data-similar-count]");
        return list ? Number(list.dataset.similarCount) : 0;
    }

    function countText(count) {
        if (!count) {
            return panel.dataset.similarNone;
        }
        const template = count === 1 ? panel.dataset.similarOne : panel.dataset.similarOther;
        return template.replace("{count}", String(count));
    }

    async function refresh() {
        const number = ++request;
        let html;
        try {
            const response = await fetch(panel.dataset.similarUrl, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { Accept: "text/html" },
            });
            if (!response.ok) {
                return;
            }
            html = await response.text();
        } catch {
            return; // The panel is drawn again on the next save anyway.
        }
        if (number !== request) {
            return; // A newer answer is on its way.
        }
        // Keep focus on the redrawn button of the same story ("This is a repeat" becomes "Not a
        // repeat after all"), or on the panel's heading when that story is gone.
        const focusedItem = body.contains(document.activeElement)
            ? document.activeElement.closest("[data-story-id]")
            : null;
        body.innerHTML = html;
        const count = currentCount();
        countLabel.textContent = count ? `(${count})` : "";
        if (focusedItem) {
            const again = body.querySelector(
                `[data-story-id="${CSS.escape(focusedItem.dataset.storyId)}"] button[name='mark_repeat']`,
            );
            (again || panel.querySelector("summary")).focus();
        }
        if (count !== shown && announcer) {
            shown = count;
            announcer.textContent = "";
            window.setTimeout(() => {
                announcer.textContent = countText(count);
            }, 50);
        }
    }

    form.addEventListener("input", (event) => {
        if (!WATCHED.includes(event.target.name)) {
            return;
        }
        window.clearTimeout(timer);
        timer = window.setTimeout(refresh, AFTER_MS);
    });

    // The panel's buttons belong to the form (form="share-form"); with JavaScript they only note
    // the choice, which the next save (or autosave) keeps.
    panel.addEventListener("click", (event) => {
        const button = event.target.closest("button[name='mark_repeat']");
        if (!button || !choice) {
            return;
        }
        event.preventDefault();
        choice.value = button.value === "none" ? "" : button.value;
        form.dispatchEvent(new CustomEvent("share:changed", { bubbles: true }));
        refresh();
    });
})();
