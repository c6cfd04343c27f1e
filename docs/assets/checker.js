/* The checker page: pick or drop a register, see its problems. Loaded only by that page.

   The file is read here, in the page (File.arrayBuffer), and handed to a Web Worker
   (checker-worker.js) that runs the handbook's own validator with Pyodide. Nothing is
   uploaded: the worker loads only files of this site and posts the result back.

   The page's static text is in its Markdown (docs/<lang>/checker.md); what this script
   writes is in TEXT below, in the page's language (<html lang>). Room is kept for an
   "annotated copy" download: see actions() below.
*/
(() => {
  "use strict";

  const TEXT = {
    zh: {
      file: "请从手册的网站（http:// 或 https:// 开头的地址）打开本页。浏览器不允许从本地文件（file://）运行检查程序；请向信息部门索取手册网址，或在手册文件夹中运行 make serve 后打开 http://127.0.0.1:8000/。",
      noWorker: "这个浏览器不能运行检查程序（不支持 Web Worker）。请使用新版的 Edge、Chrome 或 Firefox。",
      download: "正在下载并启动检查程序（只在第一次下载，之后由浏览器缓存）……",
      start: "正在载入登记表定义和制度规定……",
      ready: "检查程序已就绪。选择或拖入一个登记表文件。",
      reading: "正在读取 {name}……",
      waiting: "已收到 {name}，检查程序启动后立即检查……",
      counting: "正在检查 {name}……",
      checking: "正在检查 {name} 的 {rows} 行……",
      done: "{name} 已检查。",
      failed: "检查程序出错：{message}。请刷新页面后重试；如仍出错，请把文件交信息部门。",
      auto: "自动识别",
      form: "登记表：{title}（{id}）",
      unknownForm: "登记表：未能识别",
      summary: "{rows} 行数据：{errors}，{warnings}。",
      errors: ["个错误", "个错误"],
      warnings: ["个警告", "个警告"],
      good: "全部通过：没有发现问题。",
      annotate: "下载标出问题的副本（.xlsx）",
      annotating: "正在生成标出问题的副本……",
      annotated: "已生成 {name}：有问题的单元格标成红色（错误）或黄色（警告），批注写明问题。",
      formPage: "见表单页",
      goodWarnings: "没有错误，但有 {warnings}，请看下面。",
      bad: "有 {errors}需要改正。",
      unusable: "这个文件无法检查。",
      error: "错误",
      warning: "警告",
      cell: "单元格",
      row: "第 {row} 行",
      whole: "全表",
      value: "值",
      empty: "（空）",
      article: "依据 {article}",
      chooseForm: "如果是其他种类的登记表，请在上面的“登记表种类”中选择后再检查一次。",
      crash: {
        memory: "{name} 太大或太复杂，超出了本页在浏览器中能处理的范围（内存不足）。检查程序已重新启动，可以接着检查其他文件；这个文件请分成几个较小的文件，或交信息部门用 handbook validate 检查。",
        stack: "{name} 的内部结构嵌套过深，无法读取。正常的登记表不会这样；请在 Excel 或 WPS 中打开后“另存为”.xlsx 再检查。检查程序已重新启动，可以接着检查其他文件。",
        other: "检查 {name} 时检查程序出错（{message}）。检查程序已重新启动，可以接着检查其他文件；如果这个文件再次出错，请交信息部门。",
      },
      tooBig: "{name} 有 {size} MB，超过本页能检查的 {limit} MB。请把登记表分成几个较小的文件，或交信息部门用 handbook validate 检查。",
      unmarkable: "这个文件无法生成标注副本。",
      tooLargeToMark: "这个登记表行数太多，不提供标注副本；请按下面列出的问题修改。",
    },
    en: {
      file: "Open this page from the handbook's web address (starting with http:// or https://). Browsers do not run the checker from a local file (file://): ask IT for the handbook's address, or run make serve in the handbook folder and open http://127.0.0.1:8000/.",
      noWorker: "This browser cannot run the checker (no Web Workers). Use a recent Edge, Chrome or Firefox.",
      download: "Downloading and starting the checker (downloaded only the first time, then kept by the browser)…",
      start: "Loading the register definitions and the rules…",
      ready: "The checker is ready. Choose or drop a register file.",
      reading: "Reading {name}…",
      waiting: "Got {name}; it is checked as soon as the checker has started…",
      counting: "Checking {name}…",
      checking: "Checking {rows} rows of {name}…",
      done: "{name} checked.",
      failed: "The checker failed: {message}. Reload the page and try again; if it fails again, give the file to IT.",
      auto: "Detect automatically",
      form: "Register: {title} ({id})",
      unknownForm: "Register: not recognised",
      summary: "{rows} data rows: {errors}, {warnings}.",
      errors: ["error", "errors"],
      warnings: ["warning", "warnings"],
      good: "All good: no problems found.",
      annotate: "Download a copy with the problems marked (.xlsx)",
      annotating: "Making the marked copy…",
      annotated: "{name} is ready: cells with problems are red (error) or amber (warning), with the message as a comment.",
      formPage: "see the form's page",
      goodWarnings: "No errors, but {warnings}: see below.",
      bad: "{errors} to correct.",
      unusable: "This file cannot be checked.",
      error: "Error",
      warning: "Warning",
      cell: "Cell",
      row: "Row {row}",
      whole: "Whole register",
      value: "Value",
      empty: "(empty)",
      article: "see {article}",
      chooseForm: "If it is another kind of register, choose it under “Kind of register” above and check it again.",
      crash: {
        memory: "{name} is too large or too complex for this page to check in the browser (out of memory). The checker has restarted: you can check other files; split this one into smaller files, or give it to IT to check with handbook validate.",
        stack: "{name} is nested too deeply inside to be read. A real register never is; open it in Excel or WPS, Save As .xlsx and check it again. The checker has restarted: you can check other files.",
        other: "The checker failed on {name} ({message}). It has restarted: you can check other files; if this file fails again, give it to IT.",
      },
      tooBig: "{name} is {size} MB, more than the {limit} MB this page can check. Split the register into smaller files, or give it to IT to check with handbook validate.",
      unmarkable: "This file cannot be given back marked.",
      tooLargeToMark: "This register has too many rows for a marked copy; correct the problems listed below.",
    },
  };

  const root = document.getElementById("hb-checker");
  if (!root) return;
  const lang = (document.documentElement.lang || "zh").toLowerCase().startsWith("en") ? "en" : "zh";
  const t = TEXT[lang];
  const script = document.currentScript;
  const siteRoot = new URL(root.dataset.root || "../", location.href);
  const fmt = (template, values) =>
    template.replace(/\{(\w+)\}/g, (_, key) => (key in values ? String(values[key]) : `{${key}}`));
  const count = (n, kind) => `${number(n)} ${t[kind][n === 1 ? 0 : 1]}`;
  const number = (n) => Number(n).toLocaleString(lang === "en" ? "en" : "zh-CN").replace(/,/g, " ");

  const input = root.querySelector("input[type=file]");
  const drop = root.querySelector(".hb-checker__drop");
  const select = root.querySelector("select");
  const status = root.querySelector(".hb-checker__status");
  const result = root.querySelector(".hb-checker__result");

  let worker = null;
  let ready = false;
  let current = 0;
  let last = null; // the last file, to check again under another form
  let pending = false; // a file is being checked
  let limits = null; // from the checker itself (handbook.registers.limits), once it is ready
  let failures = 0;
  let restarting = false; // a fresh worker is starting after a failed check
  const names = {};
  const timings = {};

  // while busy, the status line counts seconds, so a slow phone visibly is still working
  let since = 0;
  let ticking = null;
  function say(text, kind) {
    status.dataset.state = kind || "";
    status.dataset.text = text;
    if (kind !== "busy") {
      clearInterval(ticking);
      ticking = null;
      status.textContent = text;
      return;
    }
    if (!ticking) {
      since = Date.now();
      ticking = setInterval(() => {
        const seconds = Math.round((Date.now() - since) / 1000);
        status.textContent = `${status.dataset.text} ${seconds} s`;
      }, 1000);
    }
    status.textContent = text;
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

  function startWorker() {
    if (worker) return worker;
    if (location.protocol === "file:") {
      say(t.file, "error");
      root.dataset.state = "file";
      return null;
    }
    if (!window.Worker) {
      say(t.noWorker, "error");
      return null;
    }
    try {
      worker = new Worker(new URL("checker-worker.js", script.src));
    } catch (error) {
      say(t.file, "error");
      return null;
    }
    worker.onmessage = (event) => receive(event.data || {});
    worker.onerror = (event) => {
      event.preventDefault();
      receive({ kind: "failed", id: current, reason: /call stack/i.test(event.message || "") ? "stack" : "memory", message: event.message || "worker" });
    };
    worker.postMessage({ kind: "start", lang });
    return worker;
  }

  function receive(message) {
    const name = names[message.id] || "";
    if (message.kind === "stage" && restarting && !pending) {
      // after a failed check: the reason stays on screen while a fresh checker starts
      root.dataset.stage = message.stage;
      if (message.stage === "ready") {
        restarting = false;
        ready = true;
        limits = message.limits || null;
      }
    } else if (message.kind === "stage") {
      restarting = false;
      root.dataset.stage = message.stage;
      // when each stage began, in ms since the page was opened (read by benchmarks/checker_bench.py)
      timings[message.stage] = Math.round(performance.now());
      root.dataset.timings = JSON.stringify(timings);
      if (message.stage === "ready") {
        ready = true;
        limits = message.limits || null;
        fillForms(message.forms || []);
        if (pending) say(fmt(t.counting, { name: names[current] }), "busy");
        else say(t.ready, "ready");
      } else if (pending) {
        say(`${fmt(t.waiting, { name: names[current] })} ${t[message.stage]}`, "busy");
      } else {
        say(t[message.stage], "busy");
      }
    } else if (message.kind === "counted" && message.id === current) {
      // the count includes the header row
      const rows = Math.max(message.rows - 1, 0);
      say(rows > 0 ? fmt(t.checking, { name, rows: number(rows) }) : fmt(t.counting, { name }), "busy");
    } else if (message.kind === "result" && message.id === current) {
      pending = false;
      show(message.result);
      say(fmt(t.done, { name }), "done");
    } else if (message.kind === "annotated" && message.id === current) {
      saveAnnotated(message);
    } else if (message.kind === "unmarkable" && message.id === current) {
      say(t.unmarkable, "error");
    } else if (message.kind === "failed" && message.id === undefined) {
      pending = false; // the checker itself could not start
      say(fmt(t.failed, { message: message.message }), "error");
    } else if (message.kind === "failed") {
      crashed(message, name);
    }
  }

  // A check that failed (out of memory, out of stack, a bug): say why in the page's language,
  // end the worker and start a fresh one, so the next file is checked by a sound runtime.
  function crashed(message, name) {
    const again = pending && message.id !== current ? last : null; // a file dropped meanwhile
    if (worker) worker.terminate();
    worker = null;
    ready = false;
    pending = false;
    failures += 1;
    root.dataset.failed = String(failures); // tests wait on it
    restarting = true;
    startWorker();
    if (again) checkFile(again);
    if (message.id !== current) return;
    const text = t.crash[message.reason] || t.crash.other;
    say(fmt(text, { name, message: message.message || "" }), "error");
  }

  function fillForms(forms) {
    if (select.options.length > 1) return;
    for (const form of forms) select.append(element("option", { value: form.id }, `${form.title}（${form.id}）`));
    select.disabled = false;
  }

  async function checkFile(file) {
    if (!file) return;
    if (!startWorker()) return;
    if (limits && file.size > limits.max_file_bytes) {
      // not even read: a file of a gigabyte would take the page down with it
      const mb = (n) => (n / 1048576).toFixed(1).replace(/\.0$/, "");
      say(fmt(t.tooBig, { name: file.name, size: mb(file.size), limit: mb(limits.max_file_bytes) }), "error");
      return;
    }
    const id = ++current;
    names[id] = file.name;
    last = file;
    pending = true;
    result.replaceChildren();
    result.hidden = true;
    say(fmt(t.reading, { name: file.name }), "busy");
    const bytes = await file.arrayBuffer();
    if (id !== current) return;
    say(ready ? fmt(t.counting, { name: file.name }) : `${fmt(t.waiting, { name: file.name })} ${t[root.dataset.stage] || ""}`, "busy");
    worker.postMessage({ kind: "check", id, name: file.name, bytes, lang, form: select.value || null, asOf: today() }, [bytes]);
  }

  // What is due (handbook due): the file's open items as of this device's date, in the
  // catalogue's words sent with them; the same items as `handbook due --as-of` for that date.
  function today() {
    const now = new Date();
    const two = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  }

  function dueSection(due) {
    const box = element("section", { class: "hb-checker__due", "data-as-of": due.as_of });
    box.append(element("h2", {}, due.title), element("p", { class: "hb-due__summary" }, due.summary));
    if (!due.items.length) return box;
    const list = element("ol", { class: "hb-due" });
    for (const item of due.items) {
      const head = element(
        "p",
        { class: "hb-due__head" },
        element("span", { class: "hb-due__state" }, item.state_text),
        " ",
        element("span", { class: "hb-due__cell" }, item.cell || ""),
        " ",
        element("span", { class: "hb-due__when" }, item.due_text),
      );
      const body = [head, element("p", { class: "hb-due__what" }, item.what)];
      const extra = [];
      if (item.role_label) extra.push(fmt(due.role, { role: item.role_label }));
      if (item.article) {
        const label = fmt(due.article, { article: item.article });
        extra.push(item.article_url ? element("a", { href: new URL(item.article_url, siteRoot).href }, label) : label);
      }
      if (extra.length) body.push(element("p", { class: "hb-due__more" }, ...extra.flatMap((x, i) => (i ? [" · ", x] : [x]))));
      list.append(element("li", { class: `hb-due__item hb-due__item--${item.state}`, "data-key": item.key, "data-cell": item.cell || "" }, ...body));
    }
    box.append(list);
    return box;
  }

  function articleLink(problem) {
    if (!problem.article) {
      // no article of its own: the form's page says what the column holds
      if (!problem.form_url) return null;
      return element("a", { class: "hb-problem__article", href: new URL(problem.form_url, siteRoot).href }, t.formPage);
    }
    const label = fmt(t.article, { article: problem.article });
    if (!problem.article_url) return element("span", { class: "hb-problem__article" }, label);
    return element("a", { class: "hb-problem__article", href: new URL(problem.article_url, siteRoot).href }, label);
  }

  function problemItem(problem) {
    const where = problem.cell || (problem.row ? fmt(t.row, { row: problem.row }) : t.whole);
    const head = element(
      "p",
      { class: "hb-problem__head" },
      element("span", { class: "hb-problem__severity" }, t[problem.severity] || problem.severity),
      " ",
      element("span", { class: "hb-problem__cell", title: t.cell }, where),
    );
    if (problem.column) head.append(" ", element("span", { class: "hb-problem__column" }, problem.column));
    const body = [head];
    if (problem.row) {
      const value = problem.value === null || problem.value === "" ? t.empty : problem.value;
      body.push(element("p", { class: "hb-problem__value" }, `${t.value}: `, element("code", {}, value)));
    }
    body.push(element("p", { class: "hb-problem__message" }, problem.message));
    // the same problem further down the column: counted, not listed (the marked copy marks each)
    if (problem.more) body.push(element("p", { class: "hb-problem__more", "data-count": problem.more.count }, problem.more.message));
    const link = articleLink(problem);
    if (link) body.push(element("p", {}, link));
    return element(
      "li",
      { class: `hb-problem hb-problem--${problem.severity}`, "data-code": problem.code, "data-cell": problem.cell || "" },
      ...body,
    );
  }

  // The annotated copy (handbook validate --annotate), built in the worker from the same file.
  function actions(report) {
    const box = element("div", { class: "hb-checker__actions" });
    if (report.fatal || (!report.problems.length && !(report.due && report.due.items.length)) || !last) return box;
    if (report.markable === false) {
      box.append(element("p", { class: "hb-checker__unmarkable" }, t.tooLargeToMark));
      return box;
    }
    const button = element("button", { type: "button", class: "md-button hb-checker__annotate" }, t.annotate);
    button.addEventListener("click", () => annotate(last));
    box.append(button);
    return box;
  }

  async function annotate(file) {
    if (!startWorker()) return;
    const id = ++current;
    names[id] = file.name;
    say(t.annotating, "busy");
    const bytes = await file.arrayBuffer();
    worker.postMessage({ kind: "annotate", id, name: file.name, bytes, lang, form: select.value || null, asOf: today() }, [bytes]);
  }

  function saveAnnotated(message) {
    const name = names[message.id].replace(/(\.annotated)?\.[^.]*$/, "") + ".annotated.xlsx";
    const blob = new Blob([message.bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    const link = element("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    say(fmt(t.annotated, { name }), "done");
  }

  function show(report) {
    const parts = [];
    parts.push(
      element(
        "p",
        { class: "hb-checker__form" },
        report.form ? fmt(t.form, { title: report.form_title, id: report.form }) : t.unknownForm,
      ),
    );
    if (report.fatal) {
      parts.push(element("p", { class: "hb-checker__verdict", "data-verdict": "unusable" }, t.unusable));
      parts.push(element("p", { class: "hb-checker__fatal" }, report.fatal.message));
      if (!report.form || report.fatal.code === "no-header") parts.push(element("p", {}, t.chooseForm));
    } else {
      parts.push(
        element(
          "p",
          { class: "hb-checker__summary" },
          fmt(t.summary, { rows: number(report.rows), errors: count(report.errors, "errors"), warnings: count(report.warnings, "warnings") }),
        ),
      );
      const verdict = report.errors ? "invalid" : report.warnings ? "warnings" : "valid";
      const text = report.errors
        ? fmt(t.bad, { errors: count(report.errors, "errors") })
        : report.warnings
          ? fmt(t.goodWarnings, { warnings: count(report.warnings, "warnings") })
          : t.good;
      parts.push(element("p", { class: "hb-checker__verdict", "data-verdict": verdict }, text));
    }
    parts.push(actions(report));
    if (report.problems.length) {
      const list = element("ol", { class: "hb-checker__problems" });
      const fragment = document.createDocumentFragment();
      for (const problem of report.problems) fragment.append(problemItem(problem));
      list.append(fragment);
      parts.push(list);
    }
    if (report.due) parts.push(dueSection(report.due));
    result.dataset.verdict = report.fatal ? "unusable" : report.errors ? "invalid" : "valid";
    result.replaceChildren(...parts);
    result.hidden = false;
    root.dataset.checked = String(current); // how many checks have finished (tests wait on it)
  }

  // the picker is the native file input inside its label (Tab reaches it, Enter or Space opens it)
  input.addEventListener("change", () => {
    if (input.files && input.files[0]) checkFile(input.files[0]);
    input.value = "";
  });
  select.addEventListener("change", () => {
    if (last) checkFile(last);
  });
  for (const type of ["dragenter", "dragover"]) {
    drop.addEventListener(type, (event) => {
      event.preventDefault();
      drop.classList.add("hb-checker__drop--over");
    });
  }
  drop.addEventListener("dragleave", () => drop.classList.remove("hb-checker__drop--over"));
  drop.addEventListener("drop", (event) => {
    event.preventDefault();
    drop.classList.remove("hb-checker__drop--over");
    const files = event.dataTransfer && event.dataTransfer.files;
    if (!files || !files.length) return;
    checkFile(files[0]);
  });
  // a file dropped beside the zone must not make the browser open it in place of the page
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());

  select.disabled = true;
  select.options[0].textContent = t.auto;
  startWorker();
})();
