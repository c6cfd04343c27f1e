/* The checker page's Web Worker: the handbook's own validator (handbook.checker), run by Pyodide.

   Everything it loads comes from the site itself (assets/checker/, written at build time by
   handbook.site.checker_bundle): the Pyodide core and one zip of Python packages, forms and
   policy. It never sends anything anywhere: the file arrives from the page as bytes and the
   result goes back to the page.

   Page → worker: {kind: "start"} | {kind: "check", id, name, bytes, lang, form}
   Worker → page: {kind: "stage", stage: "download" | "start" | "ready", forms?}
                  {kind: "counted", id, rows} | {kind: "result", id, result} | {kind: "unmarkable", id}
                  {kind: "failed", id?, message, reason: "memory" | "stack" | "other"}
   After a failure the page ends this worker and starts a new one: a Python runtime that ran out
   of memory or of stack is not trusted with the next file.
*/
"use strict";

const BASE = new URL("checker/", self.location.href);
let loading = null;
let busy = false;
let pyodide = null;

function post(message, transfer) {
  self.postMessage(message, transfer || []);
}

// what went wrong, as a word the page turns into a sentence in its language
function reason(error) {
  const text = String((error && (error.message || error)) || "");
  if (/MemoryError|out of memory|memory access out of bounds|allocation failed|Maximum memory size|Cannot enlarge memory|Aborted/i.test(text)) return "memory";
  if (/Maximum call stack size exceeded|RecursionError|too much recursion/i.test(text)) return "stack";
  return "other";
}

function failed(id, error) {
  const message = String((error && (error.message || error)) || "");
  // the last line of a Python traceback is the error itself; the page shows no traceback
  post({ kind: "failed", id, reason: reason(error), message: message.trim().split("\n").pop().slice(0, 300) });
}

function load(lang) {
  if (loading) return loading;
  loading = (async () => {
    post({ kind: "stage", stage: "download" });
    importScripts(new URL("pyodide/pyodide.js", BASE).href);
    // the zip downloads while the Python runtime is fetched and compiled
    const zip = fetch(new URL("python.zip", BASE)).then((response) => {
      if (!response.ok) throw new Error(`python.zip: HTTP ${response.status}`);
      return response.arrayBuffer();
    });
    const options = { indexURL: new URL("pyodide/", BASE).href, stdout: () => {}, stderr: () => {} };
    try {
      // Python already started, the checker imported (handbook.site.checker_bundle made it)
      const snapshot = await fetch(new URL("snapshot.bin", BASE)).then((response) => {
        if (!response.ok) throw new Error(`snapshot.bin: HTTP ${response.status}`);
        return response.arrayBuffer();
      });
      pyodide = await self.loadPyodide({ ...options, _loadSnapshot: new Uint8Array(snapshot) });
    } catch (error) {
      pyodide = await self.loadPyodide(options);
    }
    const bytes = await zip;
    post({ kind: "stage", stage: "start" });
    const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_paths()['purelib']");
    pyodide.unpackArchive(new Uint8Array(bytes), "zip", { extractDir: sitePackages });
    pyodide.runPython("import importlib; importlib.invalidate_caches()");
    const checker = pyodide.pyimport("handbook.checker");
    const forms = JSON.parse(pyodide.runPython(
      `import json, handbook.checker as c; json.dumps(c.forms(${JSON.stringify(lang)}), ensure_ascii=False)`,
    ));
    const limits = JSON.parse(pyodide.runPython("import json, handbook.checker as c; json.dumps(c.limits())"));
    post({ kind: "stage", stage: "ready", forms, limits });
    return checker;
  })();
  // openpyxl is imported by the first workbook; while the person picks a file, import it now
  loading.then(() => setTimeout(() => {
    if (!busy) try { pyodide.runPython("import openpyxl"); } catch (error) { /* the check says */ }
  }, 0));
  loading.catch((error) => failed(undefined, error));
  return loading;
}

async function check(message) {
  busy = true;
  const checker = await load(message.lang);
  const progress = (stage, rows) => post({ kind: stage, id: message.id, rows });
  try {
    const text = checker.check_json(
      new Uint8Array(message.bytes), message.name, message.lang, message.form || undefined, progress,
      message.asOf || undefined,
    );
    post({ kind: "result", id: message.id, result: JSON.parse(text) });
  } catch (error) {
    failed(message.id, error);
  }
  busy = false;
}

async function annotate(message) {
  busy = true;
  const checker = await load(message.lang);
  try {
    const proxy = checker.annotated(
      // undefined, not null: Pyodide passes JS null as JsNull, undefined as None
      new Uint8Array(message.bytes), message.name, message.lang, message.form || undefined, undefined, message.asOf || undefined,
    );
    const bytes = proxy && proxy.toJs ? proxy.toJs() : proxy;
    if (proxy && proxy.destroy) proxy.destroy();
    if (!bytes || !bytes.length) {
      post({ kind: "unmarkable", id: message.id });
      return;
    }
    post({ kind: "annotated", id: message.id, bytes }, [bytes.buffer]);
  } catch (error) {
    failed(message.id, error);
  }
  busy = false;
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (message.kind === "start") load(message.lang).catch(() => {});
  else if (message.kind === "check") check(message).catch(() => {});
  else if (message.kind === "annotate") annotate(message).catch(() => {});
};
