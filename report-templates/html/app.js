/*
 * report.html behaviour: tabs, the ATT&CK matrix filters, the technique
 * detail dialog, the control filters, and print. Everything it shows comes
 * from the page or from the JSON block #data, and is written with
 * textContent only: no value is ever parsed as HTML.
 */
(function () {
  "use strict";
  const doc = document;
  doc.documentElement.classList.add("js");
  const data = JSON.parse(doc.getElementById("data").textContent);
  const byId = (id) => doc.getElementById(id);

  /** An element with text or children; never innerHTML. */
  function el(tag, attributes, children) {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
    for (const child of [].concat(children === undefined ? [] : children)) {
      node.append(typeof child === "string" ? doc.createTextNode(child) : child);
    }
    return node;
  }

  // ------------------------------------------------------------------ tabs

  function setupTabs(initial) {
    const tabs = Array.from(doc.querySelectorAll('[role="tab"]'));
    function select(tab, focus) {
      for (const candidate of tabs) {
        const on = candidate === tab;
        candidate.setAttribute("aria-selected", String(on));
        candidate.tabIndex = on ? 0 : -1;
        byId(candidate.getAttribute("aria-controls")).classList.toggle("is-active", on);
      }
      if (focus) tab.focus();
    }
    tabs.forEach((tab, i) => {
      tab.addEventListener("click", () => select(tab, false));
      tab.addEventListener("keydown", (event) => {
        const moves = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 };
        if (!(event.key in moves)) return;
        event.preventDefault();
        select(tabs[(moves[event.key] + tabs.length) % tabs.length], true);
      });
    });
    select(byId("tab-" + initial) || tabs[0], false);
  }

  // ------------------------------------------------------- technique detail

  function setupDetail(attack) {
    const dialog = byId("technique-detail");
    if (!attack || !dialog) return;
    const techniques = new Map(attack.techniques.map((technique) => [technique.id, technique]));
    const scores = new Map(attack.scores.map((step) => [step.score, step]));
    const title = byId("detail-title");
    const body = byId("detail-body");
    let opener = null;

    const yesNo = (value) => (value ? "yes" : "no");
    const listText = (items, none) => (items.length === 0 ? none : items.join(", "));
    const swatch = (technique) => el("span", { class: "swatch score-" + technique.score }, technique.score + " " + technique.score_label);
    const techniqueButton = (technique) =>
      el("button", { type: "button", class: "link", "data-technique": technique.id }, technique.id + " " + technique.name);

    function rulesTable(rules) {
      if (rules.length === 0) return el("p", { class: "none" }, "No rule is tagged with this technique.");
      const head = el("tr", {}, ["Rule", "ID", "Enabled", "Effective", "Fired"].map((text) => el("th", { scope: "col" }, text)));
      const rows = rules.map((rule) =>
        el("tr", {}, [
          el("td", {}, rule.name),
          el("td", {}, rule.id),
          el("td", {}, yesNo(rule.enabled)),
          el("td", {}, yesNo(rule.effective)),
          el("td", {}, yesNo(rule.fired)),
        ]),
      );
      return el("table", {}, [el("thead", {}, head), el("tbody", {}, rows)]);
    }

    function show(technique) {
      const step = scores.get(technique.score);
      const parent = technique.parent === null ? null : techniques.get(technique.parent);
      const subs = technique.subs.map((id) => techniques.get(id)).filter(Boolean);
      const decision = { accepted: "Risk accepted: the gap is recorded as accepted.", not_applicable: "Recorded as not applicable." };
      title.textContent = technique.id + " " + technique.name;
      body.replaceChildren(
        el("p", {}, [swatch(technique), " " + (step ? step.meaning : "")]),
        ...(parent ? [el("p", {}, ["Sub-technique of ", techniqueButton(parent)])] : []),
        el("p", {}, "Tactics: " + listText(technique.tactics, "none") + ". Platforms: " + listText(technique.platforms, "none listed") + "."),
        el("h3", {}, "Why this score"),
        el("p", {}, [el("strong", {}, technique.reason_label + "."), " " + technique.reason_text]),
        ...(technique.gap ? [el("p", {}, "This technique is a gap: it scores below " + attack.gap_below + ".")] : []),
        ...(technique.disposition ? [el("p", {}, decision[technique.disposition])] : []),
        el("h3", {}, "Rules (" + technique.rules.length + ")"),
        rulesTable(technique.rules),
        el("h3", {}, "Log sources that can see it"),
        el("p", {}, "Ingesting Datadog sources: " + listText(technique.sources, "none") + "."),
        el("p", {}, "ATT&CK log sources they match: " + listText(technique.log_sources, "none") + "."),
        el("h3", {}, "Sub-techniques (" + subs.length + ")"),
        subs.length === 0
          ? el("p", { class: "none" }, "None.")
          : el("ul", { class: "subs" }, subs.map((sub) => el("li", {}, [swatch(sub), " ", techniqueButton(sub)]))),
      );
    }

    function open(id, from) {
      const technique = techniques.get(id);
      if (!technique) return;
      show(technique);
      if (!dialog.open) {
        opener = from;
        dialog.showModal();
      }
      title.focus();
    }

    dialog.addEventListener("close", () => {
      if (opener && opener.isConnected) opener.focus();
      opener = null;
    });
    dialog.querySelector("[data-close-dialog]").addEventListener("click", () => dialog.close());
    // A click on the backdrop lands on the dialog element itself.
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close();
    });
    doc.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-technique]");
      if (button) open(button.getAttribute("data-technique"), button);
    });
    window.addEventListener("beforeprint", () => dialog.open && dialog.close());
  }

  // ----------------------------------------------------------------- matrix

  function setupMatrix(attack) {
    const matrix = byId("matrix");
    if (!attack || !matrix) return;
    const techniques = new Map(attack.techniques.map((technique) => [technique.id, technique]));
    const fields = { score: byId("matrix-score"), tactic: byId("matrix-tactic"), platform: byId("matrix-platform"), gaps: byId("matrix-gaps"), search: byId("matrix-search") };
    const count = byId("matrix-count");
    const columns = Array.from(matrix.querySelectorAll(".tactic"));
    const total = matrix.querySelectorAll(".cell-item").length;

    function named(technique, text) {
      return technique.id.toLowerCase().includes(text) || technique.name.toLowerCase().includes(text);
    }

    function matches(technique, filter) {
      if (filter.score !== "" && String(technique.score) !== filter.score) return false;
      if (filter.platform !== "" && !technique.platforms.includes(filter.platform)) return false;
      if (filter.gaps && !technique.gap) return false;
      if (filter.text === "") return true;
      // A technique matches when it or one of its sub-techniques does.
      return named(technique, filter.text) || technique.subs.some((id) => techniques.has(id) && named(techniques.get(id), filter.text));
    }

    function apply() {
      const filter = {
        score: fields.score.value,
        tactic: fields.tactic.value,
        platform: fields.platform.value,
        gaps: fields.gaps.checked,
        text: fields.search.value.trim().toLowerCase(),
      };
      let shown = 0;
      const distinct = new Set();
      for (const column of columns) {
        const columnOn = filter.tactic === "" || column.getAttribute("data-tactic") === filter.tactic;
        column.classList.toggle("filtered-out", !columnOn);
        for (const item of column.querySelectorAll(".cell-item")) {
          const id = item.getAttribute("data-technique");
          const on = columnOn && matches(techniques.get(id), filter);
          item.classList.toggle("filtered-out", !on);
          if (on) {
            shown += 1;
            distinct.add(id);
          }
        }
      }
      count.textContent = shown === total ? "Showing all " + total + " cells" : "Showing " + shown + " of " + total + " cells (" + distinct.size + " techniques)";
      showHint();
    }

    // Say so when the matrix is wider than the window (a phone, a narrow window, a large zoom).
    const scroller = byId("matrix-scroll");
    const hint = byId("matrix-hint");
    function showHint() {
      if (scroller && hint) hint.hidden = scroller.scrollWidth <= scroller.clientWidth + 1;
    }
    if (scroller && hint) {
      window.addEventListener("resize", showHint);
      // The arrow keys scroll a focused region sideways already; Home and End jump to its first and last tactic.
      scroller.addEventListener("keydown", (event) => {
        if (event.target !== scroller || (event.key !== "Home" && event.key !== "End")) return;
        event.preventDefault();
        scroller.scrollLeft = event.key === "Home" ? 0 : scroller.scrollWidth;
      });
    }

    for (const field of Object.values(fields)) field.addEventListener(field.type === "search" ? "input" : "change", apply);
    byId("matrix-reset").addEventListener("click", () => {
      for (const field of Object.values(fields)) {
        if (field.type === "checkbox") field.checked = false;
        else field.value = "";
      }
      apply();
    });
    apply();
  }

  // --------------------------------------------------------------- controls

  function setupControls(controls) {
    const status = byId("controls-status");
    const search = byId("controls-search");
    if (!status || !search) return;
    const byKey = new Map(controls.map((control) => [control.key, control]));
    const count = byId("controls-count");
    const sections = Array.from(doc.querySelectorAll(".framework"));

    function apply() {
      const wanted = status.value;
      const text = search.value.trim().toLowerCase();
      let shown = 0;
      for (const section of sections) {
        let visible = 0;
        for (const row of section.querySelectorAll("tr[data-control]")) {
          const control = byKey.get(row.getAttribute("data-control"));
          const on =
            control !== undefined &&
            (wanted === "" || control.status === wanted) &&
            (text === "" || [control.id, control.title, control.reason].some((value) => value.toLowerCase().includes(text)));
          row.classList.toggle("filtered-out", !on);
          if (on) visible += 1;
        }
        section.querySelector("table").classList.toggle("filtered-out", visible === 0);
        section.querySelector(".no-match").hidden = visible !== 0;
        shown += visible;
      }
      count.textContent = shown === controls.length ? "Showing all " + controls.length + " controls" : "Showing " + shown + " of " + controls.length + " controls";
    }

    status.addEventListener("change", apply);
    search.addEventListener("input", apply);
    byId("controls-reset").addEventListener("click", () => {
      status.value = "";
      search.value = "";
      apply();
    });
    apply();
  }

  // ------------------------------------------------------------ next actions

  /** Selecting an action highlights the gaps (rows) and techniques (cells) it moves; selecting it again clears them. */
  function setupActions() {
    const buttons = Array.from(doc.querySelectorAll("button.action[data-moves]"));
    function clear() {
      for (const moved of Array.from(doc.querySelectorAll(".moved"))) moved.classList.remove("moved");
      for (const button of buttons) button.setAttribute("aria-pressed", "false");
    }
    for (const button of buttons) {
      button.addEventListener("click", () => {
        const wasPressed = button.getAttribute("aria-pressed") === "true";
        clear();
        if (wasPressed) return;
        button.setAttribute("aria-pressed", "true");
        const keys = new Set(button.getAttribute("data-moves").split("\n"));
        for (const row of Array.from(doc.querySelectorAll("[data-key]")))
          if (keys.has(row.getAttribute("data-key"))) row.classList.add("moved");
        for (const cell of Array.from(doc.querySelectorAll(".cell[data-technique]")))
          if (keys.has("mitre-attack:" + cell.getAttribute("data-technique"))) cell.classList.add("moved");
      });
    }
  }

  // ------------------------------------------------------------------ print

  function setupPrint() {
    let opened = [];
    window.addEventListener("beforeprint", () => {
      opened = Array.from(doc.querySelectorAll("details:not([open])"));
      for (const details of opened) details.open = true;
    });
    window.addEventListener("afterprint", () => {
      for (const details of opened) details.open = false;
      opened = [];
    });
  }

  setupTabs(data.initial_view);
  setupDetail(data.attack);
  setupMatrix(data.attack);
  setupControls(data.controls);
  setupActions();
  setupPrint();
})();
