// Small progressive enhancements; every page works without JavaScript.
document.addEventListener("keydown", (event) => {
    // Escape closes an open user menu.
    if (event.key === "Escape") {
        document.querySelectorAll("details.user-menu[open]").forEach((menu) => menu.removeAttribute("open"));
    }
});
