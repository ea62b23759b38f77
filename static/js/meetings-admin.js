// Meeting pack editor: keeps the agenda's running total and the over-target warning up to date
// while the lead edits. The server renders the same figures for the saved version.
const startAgendaSummary = () => {
    const summary = document.querySelector("[data-agenda-summary]");
    if (!summary) return;
    const prefix = summary.dataset.streamPrefix || "agenda";
    const form = summary.closest("form") || document;
    const minutesName = new RegExp(`^${prefix}-(\\d+)-value-minutes$`);
    const total = summary.querySelector("[data-agenda-total]");
    const target = summary.querySelector("[data-agenda-target]");
    const over = summary.querySelector("[data-agenda-over]");
    const overBy = summary.querySelector("[data-agenda-over-by]");

    const isDeleted = (index) => {
        const deleted = form.querySelector(`input[name="${prefix}-${index}-deleted"]`);
        return deleted && deleted.value === "1";
    };

    const update = () => {
        let minutes = 0;
        form.querySelectorAll("input").forEach((input) => {
            const match = minutesName.exec(input.name);
            if (match && !isDeleted(match[1])) {
                const value = parseInt(input.value, 10);
                if (value > 0) minutes += value;
            }
        });
        const targetInput = summary.dataset.targetInput && document.getElementById(summary.dataset.targetInput);
        const targetMinutes = targetInput ? parseInt(targetInput.value, 10) || 0 : parseInt(target.textContent, 10) || 0;
        total.textContent = minutes;
        target.textContent = targetMinutes;
        overBy.textContent = Math.max(0, minutes - targetMinutes);
        over.hidden = !(targetMinutes && minutes > targetMinutes);
    };

    let pending = null;
    const schedule = () => {
        clearTimeout(pending);
        pending = setTimeout(update, 150);
    };
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    // Adding, deleting (which only marks a block deleted) and reordering blocks change the DOM.
    new MutationObserver(schedule).observe(form, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ["aria-hidden"],
    });
    update();
};

// The admin may load this file in the head, before the editor's markup exists.
if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startAgendaSummary);
} else {
    startAgendaSummary();
}
