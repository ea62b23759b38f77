// "I learned from this" without a page reload. The form works without JavaScript; this only
// sends it in the background and updates the button, the count and the hint in place.
document.querySelectorAll("[data-learned-form]").forEach((form) => {
    const input = form.querySelector("[data-learned-input]");
    const button = form.querySelector("[data-learned-button]");
    const label = form.querySelector("[data-learned-label]");
    const count = form.querySelector("[data-learned-count]");
    const help = form.querySelector("[data-learned-help]");

    const show = (learned, total) => {
        input.value = learned ? "0" : "1";
        button.setAttribute("aria-pressed", learned ? "true" : "false");
        button.classList.toggle("button--secondary", learned);
        label.textContent = learned ? "✓ You learned from this" : "I learned from this";
        count.textContent = total
            ? `${total} ${total === 1 ? "person" : "people"} learned from this.`
            : "Be the first to say you learned from this.";
        help.hidden = !learned;
    };

    form.addEventListener("submit", async (event) => {
        event.preventDefault();
        button.disabled = true;
        try {
            const response = await fetch(form.action, {
                method: "POST",
                body: new FormData(form),
                headers: { Accept: "application/json" },
                credentials: "same-origin",
            });
            if (!response.ok) throw new Error(response.statusText);
            const data = await response.json();
            show(data.learned, data.count);
        } catch (error) {
            form.submit(); // fall back to the ordinary form post
        } finally {
            button.disabled = false;
        }
    });
});
