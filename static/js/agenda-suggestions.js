// Meeting pack editor: stories suggested for the meeting, added to the agenda in place.
//
// Works on a pack not saved yet: the team, the topics and the stories already on the agenda are
// read from the form as the lead edits, and the server (meetings_admin:editor_suggestions)
// answers with the suggestions, each carrying the new agenda item's form state. "Add to agenda"
// inserts that item into Wagtail's StreamField before the closing item, so nothing typed is
// lost; saving the draft keeps it. When the agenda then runs over its target, the lead is told by
// how much and offered to shorten the open round or raise the target.
const startAgendaSuggestions = () => {
    const section = document.querySelector("[data-agenda-suggestions]");
    const summary = document.querySelector("[data-agenda-summary]");
    if (!section || !summary) return;
    const form = section.closest("form") || document;
    const prefix = summary.dataset.streamPrefix || "agenda";
    const list = section.querySelector("[data-agenda-suggestions-list]");
    const status = section.querySelector("[data-agenda-suggestions-status]");
    const storyName = new RegExp(`^${prefix}-(\\d+)-value-story$`);
    // The words come translated from the template; `count` picks the singular where it has one.
    const text = (key, values, count) =>
        Object.entries(values).reduce(
            (words, [name, value]) => words.replace(`__${name}__`, value),
            (count === 1 && section.dataset[`${key}One`]) || section.dataset[key],
        );
    const rootBlock = () => {
        const root = document.getElementById(`${prefix}-root`);
        return root && root.rootBlock;
    };

    const isDeleted = (index) => {
        const deleted = form.querySelector(`input[name="${prefix}-${index}-deleted"]`);
        return deleted && deleted.value === "1";
    };

    // What the suggestions depend on, as the query string the server reads.
    const query = () => {
        const params = new URLSearchParams();
        const team = document.getElementById(section.dataset.teamInput);
        if (team && team.value) params.append("team", team.value);
        const topics = document.getElementById(section.dataset.topicsInput);
        if (topics) {
            topics.value
                .split(",")
                .map((tag) => tag.trim().replace(/^"|"$/g, ""))
                .filter(Boolean)
                .forEach((tag) => params.append("tag", tag));
        }
        form.querySelectorAll("input").forEach((input) => {
            const match = storyName.exec(input.name);
            if (match && input.value && !isDeleted(match[1])) params.append("story", input.value);
        });
        return params.toString();
    };

    let shown = null;
    let controller = null;
    const refresh = async () => {
        const wanted = query();
        if (wanted === shown) return;
        shown = wanted;
        if (controller) controller.abort();
        controller = new AbortController();
        section.setAttribute("aria-busy", "true");
        try {
            const response = await fetch(`${section.dataset.url}?${wanted}`, {
                credentials: "same-origin",
                signal: controller.signal,
            });
            if (!response.ok) throw new Error(response.statusText);
            list.innerHTML = await response.text();
        } catch (error) {
            if (error.name === "AbortError") return;
            shown = null;
            list.innerHTML = "";
            const message = document.createElement("p");
            message.className = "help-block help-critical";
            message.textContent = section.dataset.failed;
            list.append(message);
        } finally {
            section.removeAttribute("aria-busy");
        }
    };

    let pending = null;
    const schedule = () => {
        clearTimeout(pending);
        pending = setTimeout(refresh, 400);
    };
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    // The tag field and the agenda change the DOM without input events (choosers, new tags);
    // the summary's own figures and this list do not count.
    new MutationObserver((records) => {
        if (records.some((record) => !summary.contains(record.target))) schedule();
    }).observe(form, { childList: true, subtree: true, attributes: true, attributeFilter: ["value"] });

    const say = (parts) => {
        status.replaceChildren(...parts);
        status.focus();
    };

    const actionButton = (label, dataName, onClick) => {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "button button-small";
        button.dataset[dataName] = "";
        button.textContent = label;
        button.addEventListener("click", onClick);
        return button;
    };

    const setMinutes = (input, minutes) => {
        input.value = minutes;
        input.dispatchEvent(new Event("input", { bubbles: true }));
        input.dispatchEvent(new Event("change", { bubbles: true }));
    };

    // Two ways back under the target: a shorter open round (never below a useful round), or
    // a higher target.
    const offerWaysBack = (overBy, target) => {
        const words = document.createElement("p");
        words.textContent = text("overrun", { OVER: overBy, TARGET: target }, overBy);
        const parts = [words];
        const root = rootBlock();
        const round = root && root.children.find((child) => child.type === section.dataset.openRound);
        const roundInput = round && round.element.querySelector('input[name$="-value-minutes"]');
        const roundMinutes = roundInput ? parseInt(roundInput.value, 10) || 0 : 0;
        const shortest = parseInt(section.dataset.shortestRound, 10) || 1;
        if (roundMinutes > shortest) {
            const shorter = Math.max(shortest, roundMinutes - overBy);
            parts.push(
                actionButton(text("shorten", { MINUTES: shorter }, shorter), "shortenOpenRound", () => {
                    setMinutes(roundInput, shorter);
                    const done = document.createElement("p");
                    done.textContent = text("shortened", { MINUTES: shorter }, shorter);
                    say([done]);
                }),
            );
        }
        const targetInput = document.getElementById(summary.dataset.targetInput);
        if (targetInput) {
            const higher = target + overBy;
            parts.push(
                " ",
                actionButton(text("raise", { MINUTES: higher }, higher), "raiseTarget", () => {
                    setMinutes(targetInput, higher);
                    const done = document.createElement("p");
                    done.textContent = text("raised", { MINUTES: higher }, higher);
                    say([done]);
                }),
            );
        }
        return parts;
    };

    list.addEventListener("click", (event) => {
        const add = event.target.closest("[data-add-story]");
        const root = rootBlock();
        if (!add || !root) return;
        const before = summary.agendaTotals();
        const children = root.children;
        let position = children.length;
        if (position && children[position - 1].type === section.dataset.closingItem) position -= 1;
        const state = JSON.parse(add.dataset.itemState);
        root.insert({ type: "story", value: state, id: null }, position, { animate: false });
        summary.refreshTotals();
        const minutes = parseInt(state.minutes, 10) || 0;
        const added = document.createElement("p");
        added.textContent = text("added", { TITLE: add.dataset.storyTitle, MINUTES: minutes });
        const overBy = before.minutes + minutes - before.target;
        const parts = before.target && overBy > 0 ? offerWaysBack(overBy, before.target) : [];
        say([added, ...parts]);
        add.closest("li").remove();
        schedule();
    });

    refresh();
};

if (document.readyState === "loading") {
    // After js/meetings-admin.js's own listener (loaded first), which gives `agendaTotals`.
    document.addEventListener("DOMContentLoaded", startAgendaSuggestions);
} else {
    startAgendaSuggestions();
}
