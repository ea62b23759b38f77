// Meeting pack editor: keeps the agenda's length, the minutes left and the over-target warning
// up to date while the lead edits. The server renders the same figures for the saved version.
// js/agenda-suggestions.js reads the same figures through `summary.agendaTotals()`.
const startAgendaSummary = () => {
    const summary = document.querySelector("[data-agenda-summary]");
    if (!summary) return;
    const prefix = summary.dataset.streamPrefix || "agenda";
    const form = summary.closest("form") || document;
    const minutesName = new RegExp(`^${prefix}-(\\d+)-value-minutes$`);
    const total = summary.querySelector("[data-agenda-total]");
    const target = summary.querySelector("[data-agenda-target]");
    const left = summary.querySelector("[data-agenda-left]");
    const over = summary.querySelector("[data-agenda-over]");
    const overBy = summary.querySelector("[data-agenda-over-by]");

    const isDeleted = (index) => {
        const deleted = form.querySelector(`input[name="${prefix}-${index}-deleted"]`);
        return deleted && deleted.value === "1";
    };

    const agendaTotals = () => {
        let minutes = 0;
        form.querySelectorAll("input").forEach((input) => {
            const match = minutesName.exec(input.name);
            if (match && !isDeleted(match[1])) {
                const value = parseInt(input.value, 10);
                if (value > 0) minutes += value;
            }
        });
        const targetInput = summary.dataset.targetInput && document.getElementById(summary.dataset.targetInput);
        const targetMinutes = targetInput
            ? parseInt(targetInput.value, 10) || 0
            : parseInt(target.textContent, 10) || 0;
        return { minutes, target: targetMinutes };
    };

    const update = () => {
        const { minutes, target: targetMinutes } = agendaTotals();
        const remaining = targetMinutes - minutes;
        total.textContent = minutes;
        target.textContent = targetMinutes;
        overBy.textContent = Math.max(0, -remaining);
        over.hidden = !(targetMinutes && remaining < 0);
        left.hidden = !targetMinutes || remaining < 0;
        const words = remaining === 1 ? summary.dataset.leftOne : summary.dataset.leftOther;
        left.textContent = words.replace("__N__", Math.max(0, remaining));
    };

    let pending = null;
    const schedule = () => {
        clearTimeout(pending);
        pending = setTimeout(update, 150);
    };
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    // Adding, deleting (which only marks a block deleted) and reordering blocks change the DOM.
    // Not the summary's own changes: writing the figures would wake the observer again.
    new MutationObserver((records) => {
        if (records.some((record) => !summary.contains(record.target))) schedule();
    }).observe(form, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ["aria-hidden"],
    });
    summary.agendaTotals = agendaTotals;
    summary.refreshTotals = update;
    update();
};

// The admin may load this file in the head, before the editor's markup exists.
if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAgendaSummary);
} else {
    startAgendaSummary();
}
