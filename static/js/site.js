// Small progressive enhancements; every page works without JavaScript.
(() => {
    // The main menu collapses behind a "Menu" button on small screens (the width below matches
    // the stylesheet's). Without JavaScript the button stays hidden and the menu stays open.
    const smallScreen = window.matchMedia("(max-width: 40rem)");
    const menuButtons = [...document.querySelectorAll("[data-menu-toggle]")];

    function setMenu(button, open) {
        button.setAttribute("aria-expanded", String(open));
    }

    for (const button of menuButtons) {
        setMenu(button, false);
        button.hidden = false;
        button.addEventListener("click", () => {
            setMenu(button, button.getAttribute("aria-expanded") !== "true");
        });
    }

    // The stories filters: open on a desktop, behind their "Filters (n)" summary on a phone.
    // The server leaves them closed unless a filter needs correcting.
    if (!smallScreen.matches) {
        document.querySelectorAll("details[data-open-on-desktop]").forEach((details) => {
            details.open = true;
        });
    }

    // "Copy" buttons next to an address: shown only where the browser may write the clipboard.
    // The address stays selectable text either way.
    if (navigator.clipboard && window.isSecureContext) {
        document.querySelectorAll("[data-copy-from]").forEach((button) => {
            const field = document.getElementById(button.dataset.copyFrom);
            const status = document.getElementById(button.dataset.copyStatus);
            let clearStatus;
            button.hidden = false;
            button.addEventListener("click", async () => {
                window.clearTimeout(clearStatus);
                field.select();
                try {
                    await navigator.clipboard.writeText(field.value);
                    status.textContent = button.dataset.copied;
                    status.dataset.state = "copied";
                } catch {
                    // Refused (a browser setting): the address is selected for the reader to copy.
                    status.textContent = button.dataset.copyFailed;
                    status.dataset.state = "failed";
                }
                clearStatus = window.setTimeout(() => { status.textContent = ""; }, 5000);
            });
        });
    }

    document.addEventListener("keydown", (event) => {
        if (event.key !== "Escape") {
            return;
        }
        // Escape closes an open user menu...
        document.querySelectorAll("details.user-menu[open]").forEach((menu) => {
            const hadFocus = menu.contains(document.activeElement);
            menu.removeAttribute("open");
            if (hadFocus) {
                menu.querySelector("summary").focus();
            }
        });
        // ...and the main menu on a small screen, giving focus back to its button.
        for (const button of menuButtons) {
            if (button.getAttribute("aria-expanded") === "true" && smallScreen.matches) {
                const menu = document.getElementById(button.getAttribute("aria-controls"));
                const hadFocus = menu.contains(document.activeElement) || document.activeElement === button;
                setMenu(button, false);
                if (hadFocus) {
                    button.focus();
                }
            }
        }
    });

    // Autosave keeps a copy of the share form in this browser until the server has it
    // (static/js/autosave.js). The page after a real save names the copies the server now has;
    // signing out drops them all, so the next person at this computer finds none.
    const DRAFTS = "ownit:draft:";
    function forgetDrafts(test) {
        try {
            Object.keys(window.localStorage)
                .filter((key) => key.startsWith(DRAFTS) && test(key))
                .forEach((key) => window.localStorage.removeItem(key));
        } catch {
            // Storage switched off: there is nothing to forget.
        }
    }
    document.querySelectorAll("[data-autosave-cleared]").forEach((marker) => {
        const keys = marker.dataset.autosaveCleared.split(" ").map((key) => `${DRAFTS}${marker.dataset.autosaveUser}:${key}`);
        forgetDrafts((key) => keys.includes(key));
    });
    document.querySelectorAll("form[data-sign-out]").forEach((signOut) => {
        signOut.addEventListener("submit", () => {
            forgetDrafts(() => true);
            document.dispatchEvent(new CustomEvent("ownit:signing-out"));
        });
    });
})();
