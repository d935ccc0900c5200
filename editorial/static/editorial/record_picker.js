// Pickers for people, organisations and twin cities (editorial/pickers.py): a search box that
// asks the admin endpoint and adds ticked boxes; only what is chosen is in the form.
(() => {
    const timers = new WeakMap();
    const rootOf = (element) => element.closest("[data-record-picker]");

    const addChosen = (root, id, label) => {
        const chosen = root.querySelector("[data-picker-chosen]");
        if (chosen.querySelector(`input[value="${CSS.escape(String(id))}"]`)) return;
        const item = document.createElement("li");
        const labelElement = document.createElement("label");
        const box = document.createElement("input");
        box.type = "checkbox";
        box.name = chosen.dataset.name;
        box.value = String(id);
        box.checked = true;
        box.id = `${chosen.dataset.id || chosen.dataset.name}_${id}`;
        labelElement.htmlFor = box.id;
        labelElement.append(box, ` ${label}`);
        item.append(labelElement);
        chosen.append(item);
        box.dispatchEvent(new Event("change", { bubbles: true }));
    };

    const search = async (root) => {
        const input = root.querySelector("[data-picker-query]");
        const results = root.querySelector("[data-picker-results]");
        const status = root.querySelector("[data-picker-status]");
        const query = input.value.trim();
        if (query.length < 2) {
            results.replaceChildren();
            status.textContent = "";
            return;
        }
        const url = new URL(root.dataset.searchUrl, window.location.origin);
        url.searchParams.set("q", query);
        const everywhere = root.querySelector("[data-picker-everywhere]");
        if (everywhere && everywhere.checked) url.searchParams.set("everywhere", "1");
        let data;
        try {
            const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
            if (!response.ok) return;
            data = await response.json();
        } catch {
            return;
        }
        if (input.value.trim() !== query) return; // typed on since
        const chosen = new Set(
            [...root.querySelectorAll("[data-picker-chosen] input:checked")].map((box) => box.value),
        );
        const found = data.results.filter((record) => !chosen.has(String(record.id)));
        results.replaceChildren(
            ...found.map((record) => {
                const item = document.createElement("li");
                const button = document.createElement("button");
                button.type = "button";
                button.className = "button button-small button-secondary";
                button.dataset.id = record.id;
                button.dataset.label = record.label;
                button.textContent = record.detail ? `${record.label} (${record.detail})` : record.label;
                item.append(button);
                return item;
            }),
        );
        status.textContent = found.length ? "" : root.dataset.emptyText;
        const scope = root.querySelector("[data-picker-scope]");
        if (scope) scope.hidden = !(data.limited_to.length || (everywhere && everywhere.checked));
    };

    const later = (root) => {
        clearTimeout(timers.get(root));
        timers.set(root, setTimeout(() => search(root), 250));
    };

    document.addEventListener("input", (event) => {
        if (!event.target.matches("[data-picker-query]")) return;
        later(rootOf(event.target));
    });
    document.addEventListener("change", (event) => {
        if (event.target.matches("[data-picker-everywhere]")) search(rootOf(event.target));
    });
    document.addEventListener("keydown", (event) => {
        // Enter in the search box searches now instead of submitting the page.
        if (event.key === "Enter" && event.target.matches("[data-picker-query]")) {
            event.preventDefault();
            search(rootOf(event.target));
        }
    });
    document.addEventListener("click", (event) => {
        const button = event.target.closest("[data-picker-results] button");
        if (!button) return;
        const root = rootOf(button);
        addChosen(root, button.dataset.id, button.dataset.label);
        button.closest("li").remove();
        root.querySelector("[data-picker-query]").focus();
    });
})();
