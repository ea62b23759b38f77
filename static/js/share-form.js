// "Share a mistake" (templates/stories/share/form.html), made easier with JavaScript. Without it
// everything still works: the error summary is a list of links, blank rows take new items and
// the server checks every limit. With it:
// - the error summary takes focus, and its links bring the field's question into view;
// - the writing guide opens by itself on wide screens (a folded <details> on phones);
// - limited fields count their characters, read out only near the limit, once typing pauses;
// - lessons, questions and corrective actions are added and removed one row at a time (and
//   autosave asks for as many as it puts back, with a "share:ensure-rows" event);
// - the blameless notes are refreshed next to the fields once typing pauses (without it, on save).
// Every word it shows comes from the template's data-* attributes, so it is translated there.
(() => {
    "use strict";

    const form = document.querySelector("form[data-share-form]");
    if (!form) {
        return;
    }
    const announcer = form.querySelector("[data-announcer]");
    const WIDE = "(min-width: 60rem)";
    const ANNOUNCE_AFTER_MS = 1000;

    function fill(template, values) {
        return (template || "").replace(/\{(\w+)\}/g, (match, key) => (key in values ? String(values[key]) : match));
    }

    function announce(message) {
        // Emptied first, so that the same words are read again.
        announcer.textContent = "";
        window.setTimeout(() => {
            announcer.textContent = message;
        }, 50);
    }

    function describedBy(element, id, on) {
        const ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        const has = ids.includes(id);
        if (on && !has) {
            ids.push(id);
        } else if (!on && has) {
            ids.splice(ids.indexOf(id), 1);
        } else {
            return;
        }
        if (ids.length) {
            element.setAttribute("aria-describedby", ids.join(" "));
        } else {
            element.removeAttribute("aria-describedby");
        }
    }

    // The error summary.
    const summary = document.querySelector("[data-error-summary]");
    if (summary) {
        if (document.activeElement !== summary) {
            summary.focus();
        }
        summary.addEventListener("click", (event) => {
            const link = event.target.closest("a[href^='#']");
            const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
            if (!target) {
                return;
            }
            event.preventDefault();
            // Show the question as well as the input: its label, or for a choice the legend.
            let question = target;
            if (target.matches("input, select, textarea")) {
                const label = document.querySelector(`label[for="${CSS.escape(target.id)}"]`);
                const legend = target.closest("fieldset")?.querySelector("legend");
                question = (target.type === "radio" ? legend : label || legend) || target;
            }
            question.scrollIntoView({ block: "start" });
            target.focus({ preventScroll: true });
        });
    }

    // The writing guide and "Has this happened before?": open beside the form on wide screens.
    if (window.matchMedia(WIDE).matches) {
        document.querySelectorAll("details[data-open-wide]").forEach((details) => {
            details.open = true;
        });
    }

    // Character counters.
    let announceTimer;

    function countText(remaining) {
        const count = Math.abs(remaining);
        const key = (remaining < 0 ? "countOver" : "countLeft") + (count === 1 ? "One" : "Other");
        return fill(form.dataset[key], { count: count.toLocaleString(document.documentElement.lang || undefined) });
    }

    function setUpCounter(input) {
        if (input.dataset.counterReady) {
            return;
        }
        input.dataset.counterReady = "true";
        const limit = Number(input.dataset.charLimit);
        const shownFrom = Math.floor((limit * Number(input.dataset.countFrom || 0)) / 100);
        const nearLimit = Math.max(10, Math.ceil(limit / 10));
        let counter = document.getElementById(`${input.id}_counter`);
        if (!counter) {
            counter = document.createElement("p");
            counter.className = "char-count";
            counter.id = `${input.id}_counter`;
            counter.hidden = true;
            (input.closest(".line-row__input") || input).after(counter);
        }
        const update = () => {
            const remaining = limit - input.value.length;
            const shown = input.value.length >= shownFrom || remaining < 0;
            counter.hidden = !shown;
            counter.textContent = countText(remaining);
            counter.classList.toggle("char-count--over", remaining < 0);
            describedBy(input, counter.id, shown);
            return remaining;
        };
        input.addEventListener("input", () => {
            const remaining = update();
            window.clearTimeout(announceTimer);
            if (remaining <= nearLimit) {
                announceTimer = window.setTimeout(() => announce(counter.textContent), ANNOUNCE_AFTER_MS);
            }
        });
        update();
    }

    // Rows that grow: lessons, questions, corrective actions.
    function escapeRegExp(text) {
        return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    }

    function setUpRows(group) {
        const list = group.querySelector("[data-row-list]");
        const template = group.querySelector("template[data-row-template]");
        const addButton = group.querySelector("[data-add-row]");
        const full = group.querySelector("[data-rows-full]");
        const max = Number(group.dataset.maxRows);
        const prefix = group.dataset.rowPrefix;
        const suffix = group.dataset.rowSuffix || "";
        // Every id, name and reference in a row carries its number: id_lessons_2, actions-2-owner.
        const numbered = new RegExp(`${escapeRegExp(prefix)}(\\d+|__prefix__)${escapeRegExp(suffix)}`, "g");
        const total = group.dataset.totalInput && document.getElementById(group.dataset.totalInput);
        const initial = group.dataset.initialInput && document.getElementById(group.dataset.initialInput);
        const rows = () => Array.from(list.children);

        function renumber() {
            rows().forEach((row, index) => {
                const number = index + 1;
                for (const element of [row, ...row.querySelectorAll("*")]) {
                    for (const name of ["id", "name", "for", "aria-describedby", "aria-labelledby"]) {
                        const value = element.getAttribute(name);
                        if (value) {
                            const renumbered = value.replace(numbered, `${prefix}${index}${suffix}`);
                            if (renumbered !== value) {
                                element.setAttribute(name, renumbered);
                            }
                        }
                    }
                }
                row.querySelector("[data-row-label]").textContent = fill(group.dataset.rowLabel, { number });
                row.querySelector("[data-remove-row]").setAttribute("aria-label", fill(group.dataset.removeLabel, { number }));
            });
            if (total) {
                total.value = rows().length;
            }
            const room = rows().length < max;
            addButton.hidden = !room;
            full.hidden = room;
        }

        function isBlank(row) {
            if (row.querySelector(".error-text")) {
                return false;
            }
            const inputs = row.querySelectorAll("input[type=text], input[type=date], textarea");
            return Array.from(inputs).every((input) => !input.value.trim());
        }

        function removeRow(row, { quietly = false } = {}) {
            const index = rows().indexOf(row);
            // Formset rows saved before come first; the server counts them in INITIAL_FORMS.
            if (initial && index < Number(initial.value)) {
                initial.value = Number(initial.value) - 1;
            }
            row.remove();
            renumber();
            if (!quietly) {
                const next = rows()[index] || rows()[index - 1];
                (next ? next.querySelector("input, textarea, select") : addButton).focus();
                announce(fill(group.dataset.removed, { number: index + 1 }));
            }
        }

        function prepare(row) {
            row.querySelectorAll("[data-without-js]").forEach((element) => {
                element.hidden = true;
            });
            const remove = row.querySelector("[data-remove-row]");
            remove.hidden = false;
            remove.addEventListener("click", () => removeRow(row));
            row.querySelectorAll("[data-char-limit]").forEach(setUpCounter);
        }

        function addRow({ focus = true } = {}) {
            if (rows().length >= max) {
                return;
            }
            const row = template.content.querySelector("[data-row]").cloneNode(true);
            list.append(row);
            prepare(row);
            renumber();
            if (focus) {
                row.querySelector("input, textarea").focus();
            }
        }

        group.querySelectorAll("[data-without-js]").forEach((element) => {
            element.hidden = true;
        });
        rows().forEach(prepare);
        // Rows ticked "Remove this action" (the way without JavaScript) go now, as they would
        // on saving; and one blank row is enough when "Add" makes more.
        rows()
            .filter((row) => row.querySelector("input[type=checkbox][name$='-DELETE']:checked"))
            .forEach((row) => removeRow(row, { quietly: true }));
        rows()
            .filter(isBlank)
            .slice(1)
            .forEach((row) => removeRow(row, { quietly: true }));
        addButton.addEventListener("click", () => addRow());
        // Autosave putting back what was typed (static/js/autosave.js) asks for enough rows.
        group.addEventListener("share:ensure-rows", (event) => {
            while (rows().length < Math.min(event.detail.count, max)) {
                addRow({ focus: false });
            }
        });
        renumber();
    }

    form.querySelectorAll("[data-rows]").forEach(setUpRows);
    form.querySelectorAll("[data-char-limit]").forEach(setUpCounter);

    // Live blameless notes: once typing pauses, the same check as on save runs on what is
    // typed (nothing is saved) and the notes next to the fields are refilled. Only a change in
    // the number of notes is read out, through the polite announcer; the notes themselves are
    // not live regions, so a screen reader is not interrupted at every pause.
    const NOTES_AFTER_MS = 800;
    const notesUrl = form.dataset.notesUrl;
    let notesTimer;
    let notesRequest = 0;
    let notesCount = form.querySelectorAll(".blameless-notes li").length;

    function notesText(count) {
        if (!count) {
            return form.dataset.notesNone;
        }
        return fill(count === 1 ? form.dataset.notesOne : form.dataset.notesOther, { count });
    }

    function showNotes(slot, messages) {
        const id = slot.dataset.notesId;
        slot.replaceChildren();
        if (messages.length) {
            const box = document.createElement("div");
            box.className = "blameless-notes";
            box.setAttribute("role", "note");
            if (id) {
                box.id = id;
            }
            const title = document.createElement("p");
            title.className = "blameless-notes__title";
            title.textContent = form.dataset.notesTitle;
            const list = document.createElement("ul");
            messages.forEach((message) => {
                const item = document.createElement("li");
                item.textContent = message;
                list.append(item);
            });
            box.append(title, list);
            slot.append(box);
        }
        const described = slot.dataset.notesDescribe && document.getElementById(slot.dataset.notesDescribe);
        if (described && id) {
            describedBy(described, id, messages.length > 0);
        }
    }

    async function refreshNotes() {
        const number = ++notesRequest;
        let answer;
        try {
            const response = await fetch(notesUrl, {
                method: "POST",
                body: new FormData(form),
                credentials: "same-origin",
                headers: { Accept: "application/json" },
            });
            if (!response.ok) {
                return;
            }
            answer = await response.json();
        } catch {
            return; // The notes appear on saving anyway.
        }
        if (number !== notesRequest) {
            return; // A newer check is on its way.
        }
        form.querySelectorAll("[data-notes-for]").forEach((slot) => {
            showNotes(slot, answer.notes[slot.dataset.notesFor] || []);
        });
        if (answer.count !== notesCount) {
            notesCount = answer.count;
            announce(notesText(answer.count));
        }
    }

    if (notesUrl && window.fetch) {
        form.addEventListener("input", (event) => {
            if (!event.target.matches("input[type=text], textarea")) {
                return;
            }
            window.clearTimeout(notesTimer);
            notesTimer = window.setTimeout(refreshNotes, NOTES_AFTER_MS);
        });
    }
})();
