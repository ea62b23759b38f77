// Meeting pack page: "Copy as plain text" and "Print" buttons (hidden when JavaScript is off).
(() => {
    document.querySelectorAll("[data-copy-target]").forEach((button) => {
        const source = document.getElementById(button.dataset.copyTarget);
        const status = button.parentElement.querySelector("[role=status]");
        if (!source) return;
        button.hidden = false;
        button.addEventListener("click", async () => {
            try {
                await navigator.clipboard.writeText(source.value);
            } catch {
                source.select();
                document.execCommand("copy");
            }
            if (status) status.textContent = button.dataset.copied;
        });
    });
    document.querySelectorAll("[data-print]").forEach((button) => {
        button.hidden = false;
        button.addEventListener("click", () => window.print());
    });
})();

// Practice drills: "Reveal how it went" fetches the outcome from its own address (it is not in
// this page's HTML) and shows it under the question. Without JavaScript the link opens it.
(() => {
    document.querySelectorAll("[data-drill-reveal-root]").forEach((root) => {
        const link = root.querySelector("[data-drill-reveal-url]");
        const target = root.querySelector("[data-drill-reveal-target]");
        if (!link || !target) return;
        link.setAttribute("role", "button");
        // A button answers Space as well as Enter.
        link.addEventListener("keydown", (event) => {
            if (event.key === " ") {
                event.preventDefault();
                link.click();
            }
        });
        link.addEventListener("click", async (event) => {
            event.preventDefault();
            try {
                const response = await fetch(link.dataset.drillRevealUrl, { credentials: "same-origin" });
                if (!response.ok) throw new Error(String(response.status));
                const doc = new DOMParser().parseFromString(await response.text(), "text/html");
                const reveal = doc.querySelector("[data-drill-reveal]");
                if (!reveal) throw new Error("no reveal");
                target.replaceChildren(document.importNode(reveal, true));
                link.hidden = true;
                const note = root.querySelector("[data-drill-reveal-note]");
                if (note) note.hidden = true;
                target.focus();
            } catch {
                // Open the reveal as a page of its own instead.
                window.location.href = link.href;
            }
        });
    });
})();
