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
