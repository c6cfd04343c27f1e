/* The fill-in page of a register or checklist (forms/<id>/fill/). Loaded only by those pages.

   The inputs are generated at build time from the form's YAML (handbook.site.fill_page). Here:
   - each change is checked, after a short pause, by the validator itself (handbook.fill, in the
     checker page's worker, fill-worker.js), with the saved rows, so cross-row rules (a duplicate
     work order number) apply too; each problem is shown under its field with its article;
   - saved rows are kept in this browser (IndexedDB, one store, rows keyed by register), listed,
     edited, deleted; errors block saving unless the person keeps them (the row is then marked);
   - the register is written in the worker: its own blank with the rows (.xlsx), a CSV, or the
     rows added below the last row of a workbook the person picks.
   Nothing is sent anywhere: the worker loads only this site's files.
   Every word shown comes from the page (its <script class="hb-fill__words">, from the catalogue).
*/
(() => {
  "use strict";

  const root = document.getElementById("hb-fill");
  if (!root) return;
  const t = JSON.parse(root.querySelector(".hb-fill__words").textContent);
  const formId = root.dataset.form;
  const kind = root.dataset.kind;
  const lang = root.dataset.lang === "en" ? "en" : "zh";
  const siteRoot = new URL(root.dataset.root || "./", location.href);
  const script = document.currentScript;
  const form = root.querySelector(".hb-fill__form");
  const status = root.querySelector(".hb-fill__status");
  const list = root.querySelector(".hb-fill__rows");
  const general = root.querySelector(".hb-fill__general");
  const keepButton = root.querySelector(".hb-fill__keep");
  const controls = [...form.querySelectorAll("[name]")];
  const fmt = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : `{${key}}`));
  const title = (document.querySelector("h1") || {}).textContent || formId;

  function say(text, state) {
    status.textContent = text;
    status.dataset.state = state || "";
  }

  function element(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined) continue;
      if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    }
    for (const child of children) if (child !== null && child !== undefined) node.append(child);
    return node;
  }

  // ---- rows kept on this device (IndexedDB; in memory only if the browser refuses it) ----
  const memory = [];
  let database = null;
  function openDatabase() {
    if (database) return database;
    database = new Promise((resolve) => {
      if (!window.indexedDB) return resolve(null);
      const request = indexedDB.open("handbook-fill", 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore("rows", { keyPath: "id", autoIncrement: true });
        store.createIndex("form", "form");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
    });
    return database;
  }
  async function transaction(mode, work) {
    const db = await openDatabase();
    if (!db) return work(null);
    return new Promise((resolve, reject) => {
      const tx = db.transaction("rows", mode);
      const request = work(tx.objectStore("rows"));
      tx.oncomplete = () => resolve(request && request.result);
      tx.onerror = () => reject(tx.error);
    });
  }
  async function savedRows() {
    const db = await openDatabase();
    if (!db) return memory.filter((r) => r.form === formId);
    const rows = await transaction("readonly", (store) => store.index("form").getAll(formId));
    return (rows || []).sort((a, b) => a.id - b.id);
  }
  async function store(record) {
    if (!(await openDatabase())) {
      if (!record.id) record.id = memory.length + 1;
      memory.splice(memory.findIndex((r) => r.id === record.id) >>> 0, 1, record);
      return record.id;
    }
    return transaction("readwrite", (s) => s.put(record));
  }
  async function remove(id) {
    if (!(await openDatabase())) return memory.splice(memory.findIndex((r) => r.id === id), 1);
    return transaction("readwrite", (s) => s.delete(id));
  }

  // ---- the worker: the checker page's, with handbook.fill ----
  let worker = null;
  let next = 0;
  const waiting = {};
  function startWorker() {
    if (worker) return worker;
    if (location.protocol === "file:" || !window.Worker) {
      say(t.file, "error");
      return null;
    }
    worker = new Worker(new URL("fill-worker.js", script.src));
    worker.onmessage = (event) => receive(event.data || {});
    worker.onerror = (event) => {
      event.preventDefault();
      say(fmt(t.failed, { message: event.message || "worker" }), "error");
    };
    // a register's form: the worker warms up its check (a checklist is not checked)
    worker.postMessage({ kind: "start", lang, form: kind === "register" ? formId : "" });
    return worker;
  }
  function receive(message) {
    if (message.kind === "stage") {
      root.dataset.stage = message.stage;
      if (message.stage === "ready") say(t.ready, "ready");
      else if (!status.dataset.state || status.dataset.state === "busy") say(t.loading, "busy");
      return;
    }
    const pending = waiting[message.id];
    if (message.id === undefined && message.kind === "failed") {
      say(fmt(t.failed, { message: message.message }), "error");
      return;
    }
    if (!pending) return;
    delete waiting[message.id];
    if (message.kind === "failed") pending.reject(new Error(message.message));
    else pending.resolve(message);
  }
  function call(kindOf, payload, transfer) {
    if (!startWorker()) return Promise.reject(new Error(t.file));
    const id = ++next;
    return new Promise((resolve, reject) => {
      waiting[id] = { resolve, reject };
      worker.postMessage({ kind: kindOf, id, form: formId, lang, ...payload }, transfer || []);
    });
  }

  // ---- the inputs ----
  function read() {
    const values = {};
    for (const control of controls) {
      if (control.type === "checkbox") values[control.name] = control.checked ? "yes" : "no";
      else if (control.type !== "file") values[control.name] = control.value.trim();
    }
    return values;
  }
  function write(values) {
    for (const control of controls) {
      const value = values[control.name] || "";
      if (control.type === "checkbox") control.checked = value === "yes";
      else control.value = value;
    }
  }
  const blank = (values) =>
    Object.entries(values).every(([name, value]) => !value || (name.startsWith("done:") && value === "no"));

  function articleLink(problem) {
    if (!problem.article) {
      // no article of its own: the form's page says what the column holds
      if (!problem.form_url) return null;
      return element("a", { class: "hb-problem__article", href: new URL(problem.form_url, siteRoot).href }, t.form_page);
    }
    const label = fmt(t.article, { article: problem.article });
    if (!problem.article_url) return element("span", { class: "hb-problem__article" }, label);
    return element("a", { class: "hb-problem__article", href: new URL(problem.article_url, siteRoot).href }, label);
  }
  function problemItem(problem) {
    return element(
      "li",
      { class: `hb-problem hb-problem--${problem.severity}`, "data-code": problem.code, "data-field": problem.field || "" },
      element("span", { class: "hb-problem__severity" }, t[problem.severity] || problem.severity),
      " ",
      element("span", { class: "hb-problem__message" }, problem.message),
      " ",
      articleLink(problem),
    );
  }
  function clearProblems() {
    for (const box of root.querySelectorAll(".hb-fill__form .hb-fill__problems")) box.replaceChildren();
    for (const control of controls) control.removeAttribute("aria-invalid");
  }
  function showProblems(problems) {
    clearProblems();
    for (const problem of problems) {
      const box = (problem.field && document.getElementById(`hb-fill-${problem.field}-problems`)) || general;
      box.append(problemItem(problem));
      const control = problem.field && document.getElementById(`hb-fill-${problem.field}`);
      if (control && problem.severity === "error") control.setAttribute("aria-invalid", "true");
    }
  }

  // ---- checking: the draft with the saved rows, by the validator ----
  let editing = null; // id of the saved row being edited
  let last = { errors: 0, warnings: 0, problems: [] };
  let checks = 0;
  let timer = null;
  async function checkDraft() {
    clearTimeout(timer);
    const values = read();
    if (kind !== "register" || blank(values)) {
      clearProblems();
      last = { errors: 0, warnings: 0, problems: [] };
      return last;
    }
    const others = (await savedRows()).filter((r) => r.id !== editing).map((r) => r.values);
    const index = others.length; // the draft comes last: a repeated key is reported on it
    say(t.checking, "busy");
    const reply = await call("fill-check", { rows: [...others, values] });
    const mine = reply.result.problems.filter((p) => p.row === index || p.row === null);
    const errors = mine.filter((p) => p.severity === "error" && p.row === index).length;
    const warnings = mine.filter((p) => p.severity === "warning" && p.row === index).length;
    last = { errors, warnings, problems: mine };
    showProblems(mine);
    root.dataset.checks = String(++checks); // tests wait on it
    say(errors ? fmt(t.blocked, { errors }) : warnings ? fmt(t.warned, { warnings }) : t.ok, errors ? "error" : "done");
    keepButton.hidden = !errors;
    return last;
  }
  // the row being typed survives following an article's link or a reload (on this device only)
  const draftKey = `handbook-fill-draft:${formId}`;
  function keepDraft() {
    try {
      const values = read();
      if (blank(values)) localStorage.removeItem(draftKey);
      else localStorage.setItem(draftKey, JSON.stringify({ values, editing }));
    } catch (error) { /* no storage: the draft lives as long as the page */ }
  }
  function dropDraft() {
    try { localStorage.removeItem(draftKey); } catch (error) { /* as above */ }
  }
  function restoreDraft() {
    let draft = null;
    try { draft = JSON.parse(localStorage.getItem(draftKey) || "null"); } catch (error) { draft = null; }
    if (!draft || !draft.values) return;
    write(draft.values);
    editing = draft.editing ?? null;
    if (kind === "register") soon();
  }

  function soon() {
    keepDraft();
    clearTimeout(timer);
    timer = setTimeout(() => checkDraft().catch((error) => say(fmt(t.failed, { message: error.message }), "error")), 400);
  }

  // ---- saving, the list ----
  async function save(keep) {
    const values = read();
    if (blank(values)) return;
    const result = await checkDraft();
    if (result.errors && !keep) {
      const first = form.querySelector("[aria-invalid=true]");
      if (first) first.focus();
      return;
    }
    const record = { form: formId, values, kept: Boolean(result.errors), saved: new Date().toISOString() };
    if (editing !== null) record.id = editing;
    await store(record);
    editing = null;
    write({});
    dropDraft();
    clearProblems();
    keepButton.hidden = true;
    const rows = await refresh();
    say(fmt(t.saved, { rows: rows.length }), "done");
  }

  function summary(values) {
    const names = controls.filter((c) => c.type !== "checkbox" && values[c.name]).slice(0, 3);
    const shown = names.map((c) => {
      const label = c.tagName === "SELECT" ? c.querySelector(`option[value="${CSS.escape(values[c.name])}"]`) : null;
      return label ? label.textContent : values[c.name];
    });
    if (kind === "checklist") {
      const ticks = Object.entries(values).filter(([k]) => k.startsWith("done:"));
      shown.push(`${t.yes} ${ticks.filter(([, v]) => v === "yes").length}/${ticks.length}`);
    }
    return shown.join(" · ");
  }

  async function refresh() {
    const rows = await savedRows();
    let problems = [];
    if (kind === "register" && rows.length) {
      try {
        problems = (await call("fill-check", { rows: rows.map((r) => r.values) })).result.problems;
      } catch (error) {
        say(fmt(t.failed, { message: error.message }), "error");
      }
    }
    const items = rows.map((row, index) => {
      const own = problems.filter((p) => p.row === index);
      const errors = own.filter((p) => p.severity === "error").length;
      const item = element(
        "li",
        { class: "hb-fill__row", "data-id": String(row.id), "data-kept": String(Boolean(row.kept)), "data-errors": String(errors) },
        element("span", { class: "hb-fill__summary" }, summary(row.values)),
      );
      if (row.kept && errors) item.append(" ", element("span", { class: "hb-fill__kept" }, t.kept_mark));
      if (own.length) {
        item.append(" ", element("span", { class: "hb-fill__counts" }, fmt(t.counts, { errors, warnings: own.length - errors })));
        item.append(element("ul", { class: "hb-fill__row-problems" }, ...own.map(problemItem)));
      }
      const edit = element("button", { type: "button", class: "md-button hb-fill__edit" }, t.edit);
      const drop = element("button", { type: "button", class: "md-button hb-fill__delete" }, t.delete);
      edit.addEventListener("click", () => {
        editing = row.id;
        write(row.values);
        keepDraft();
        say(fmt(t.editing, { row: index + 1 }), "done");
        form.querySelector("[name]").focus();
        checkDraft().catch(() => {});
      });
      drop.addEventListener("click", async () => {
        if (!window.confirm(t.confirm_delete)) return;
        await remove(row.id);
        if (editing === row.id) editing = null;
        const left = await refresh();
        say(fmt(t.deleted, { rows: left.length }), "done");
      });
      item.append(element("span", { class: "hb-fill__actions" }, edit, " ", drop));
      return item;
    });
    list.replaceChildren(...(items.length ? items : [element("li", { class: "hb-fill__none" }, t.none_saved)]));
    root.dataset.saved = String(rows.length); // tests wait on it
    return rows;
  }

  // ---- out to the register ----
  let made = 0;
  function offer(bytes, name, type) {
    const link = element("a", { href: URL.createObjectURL(new Blob([bytes], { type })), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    root.dataset.made = String(++made);
  }
  const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  const today = () => new Date().toISOString().slice(0, 10);
  async function download(format) {
    const rows = (await savedRows()).map((r) => r.values);
    if (!rows.length) return say(t.nothing, "error");
    const name = `${title.replace(/[\\/:*?"<>|]/g, "")}-${today()}.${format}`;
    say(fmt(t.making, { name }), "busy");
    try {
      const reply = await call(`fill-${format}`, { rows });
      offer(reply.bytes, name, format === "xlsx" ? XLSX : "text/csv");
      say(fmt(t.written, { name }), "done");
    } catch (error) {
      say(fmt(t.failed, { message: error.message }), "error");
    }
  }
  async function append(file) {
    const rows = (await savedRows()).map((r) => r.values);
    if (!rows.length) return say(t.nothing, "error");
    const out = file.name.replace(/(\.[^.]*)?$/, (ext) => `-${today()}${ext || ".xlsx"}`);
    say(fmt(t.making, { name: out }), "busy");
    try {
      const bytes = await file.arrayBuffer();
      const reply = await call("fill-append", { rows, name: file.name, bytes }, [bytes]);
      if (reply.kind === "fill-refused") return say(reply.message, "error");
      offer(reply.bytes, out, XLSX);
      say(fmt(t.appended, { name: file.name, added: rows.length, out }), "done");
    } catch (error) {
      say(fmt(t.failed, { message: error.message }), "error");
    }
  }

  form.addEventListener("input", () => (kind === "register" ? soon() : keepDraft()));
  form.addEventListener("change", () => (kind === "register" ? soon() : keepDraft()));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save(false).catch((error) => say(fmt(t.failed, { message: error.message }), "error"));
  });
  form.addEventListener("reset", () => {
    editing = null;
    dropDraft();
    clearProblems();
    keepButton.hidden = true;
  });
  keepButton.addEventListener("click", () => save(true).catch((error) => say(fmt(t.failed, { message: error.message }), "error")));
  root.querySelector(".hb-fill__xlsx").addEventListener("click", () => download("xlsx"));
  root.querySelector(".hb-fill__csv").addEventListener("click", () => download("csv"));
  const pick = root.querySelector(".hb-fill__pick");
  if (pick) {
    pick.addEventListener("change", () => {
      if (pick.files && pick.files[0]) append(pick.files[0]);
      pick.value = "";
    });
  }

  openDatabase().then((db) => {
    if (!db) say(t.no_storage, "error");
  });
  if (startWorker()) say(t.loading, "busy");
  restoreDraft();
  refresh().catch((error) => say(fmt(t.failed, { message: error.message }), "error"));
})();
