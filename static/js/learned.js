// "I learned from this" without a page reload. The form works without JavaScript; this only
// sends it in the background and updates the button, the count and the hint in place.
document.querySelectorAll("[data-learned-form]").forEach((form) => {
    const input = form.querySelector("[data-learned-input]");
    const button = form.querySelector("[data-learned-button]");
    const label = form.querySelector("[data-learned-label]");
    const count = form.querySelector("[data-learned-count]");
    const help = form.querySelector("[data-learned-help]");

    // The server sends the words in the reader's language along with the state.
    const show = (data) => {
        input.value = data.learned ? "0" : "1";
        button.setAttribute("aria-pressed", data.learned ? "true" : "false");
        button.classList.toggle("button--secondary", data.learned);
        label.textContent = data.label;
        count.textContent = data.count_text;
        help.hidden = !data.learned;
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
            show(data);
        } catch (error) {
            form.submit(); // fall back to the ordinary form post
        } finally {
            button.disabled = false;
        }
    });
});
