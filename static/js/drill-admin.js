// Meeting pack editor: when a story is chosen in a practice drill whose situation box is empty,
// fill the box with the situation proposed from the story (its "what happened", cut before the
// outcome). The lead then edits it. Saving with the box empty does the same on the server.
const startDrillSituations = () => {
    const summary = document.querySelector("[data-agenda-summary]");
    if (!summary || !summary.dataset.drillSituationUrl) return;
    const prefix = summary.dataset.streamPrefix || "agenda";
    const form = summary.closest("form") || document;
    const storyName = new RegExp(`^${prefix}-(\\d+)-value-story$`);
    const urlFor = (storyId) => summary.dataset.drillSituationUrl.replace(/\/0\/$/, `/${storyId}/`);

    form.addEventListener("change", async (event) => {
        const input = event.target;
        const match = input && input.name ? storyName.exec(input.name) : null;
        if (!match || !/^\d+$/.test(input.value || "")) return;
        // Only drills have a situation box; a story to discuss has none.
        const box = form.querySelector(`textarea[name="${prefix}-${match[1]}-value-situation"]`);
        if (!box || box.value.trim()) return;
        try {
            const response = await fetch(urlFor(input.value), { credentials: "same-origin" });
            if (!response.ok) return;
            const data = await response.json();
            if (!box.value.trim() && data.situation) {
                box.value = data.situation;
                box.dispatchEvent(new Event("input", { bubbles: true }));
            }
        } catch {
            // Saving with the box empty proposes the same situation.
        }
    });
};

if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startDrillSituations);
} else {
    startDrillSituations();
}
