/* The checker page's Web Worker: the handbook's own validator (handbook.checker), run by Pyodide.

   Everything it loads comes from the site itself (assets/checker/, written at build time by
   handbook.site.checker_bundle): the Pyodide core and one zip of Python packages, forms and
   policy. It never sends anything anywhere: the file arrives from the page as bytes and the
   result goes back to the page.

   Page → worker: {kind: "start"} | {kind: "check", id, name, bytes, lang, form}
   Worker → page: {kind: "stage", stage: "download" | "start" | "ready", forms?}
                  {kind: "counted", id, rows} | {kind: "result", id, result}
                  {kind: "failed", id?, message}
*/
"use strict";

const BASE = new URL("checker/", self.location.href);
let loading = null;
let busy = false;
let pyodide = null;

function post(message, transfer) {
  self.postMessage(message, transfer || []);
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
    post({ kind: "stage", stage: "ready", forms });
    return checker;
  })();
  // openpyxl is imported by the first workbook; while the person picks a file, import it now
  loading.then(() => setTimeout(() => {
    if (!busy) try { pyodide.runPython("import openpyxl"); } catch (error) { /* the check says */ }
  }, 0));
  loading.catch((error) => post({ kind: "failed", message: String(error && error.message || error) }));
  return loading;
}

async function check(message) {
  busy = true;
  const checker = await load(message.lang);
  const progress = (stage, rows) => post({ kind: stage, id: message.id, rows });
  try {
    const text = checker.check_json(
      new Uint8Array(message.bytes), message.name, message.lang, message.form || null, progress,
      message.asOf || null,
    );
    post({ kind: "result", id: message.id, result: JSON.parse(text) });
  } catch (error) {
    post({ kind: "failed", id: message.id, message: String(error && error.message || error) });
  }
  busy = false;
}

async function annotate(message) {
  busy = true;
  const checker = await load(message.lang);
  try {
    const proxy = checker.annotated(
      new Uint8Array(message.bytes), message.name, message.lang, message.form || null, null, message.asOf || null,
    );
    const bytes = proxy && proxy.toJs ? proxy.toJs() : proxy;
    if (proxy && proxy.destroy) proxy.destroy();
    if (!bytes || !bytes.length) throw new Error("this file cannot be marked");
    post({ kind: "annotated", id: message.id, bytes }, [bytes.buffer]);
  } catch (error) {
    post({ kind: "failed", id: message.id, message: String(error && error.message || error) });
  }
  busy = false;
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (message.kind === "start") load(message.lang).catch(() => {});
  else if (message.kind === "check") check(message).catch(() => {});
  else if (message.kind === "annotate") annotate(message).catch(() => {});
};
