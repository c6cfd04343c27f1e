/* The fill-in page's Web Worker: the checker page's worker (checker-worker.js, the same Pyodide and
   the same handbook package), with the calls of handbook.fill added.

   It loads only files of this site and sends nothing anywhere: rows arrive from the page as JSON,
   the problems and the files go back to the page.

   Page → worker: what checker-worker.js takes, and
                  {kind: "fill-check" | "fill-xlsx" | "fill-csv", id, form, rows, lang}
                  {kind: "fill-append", id, form, rows, lang, name, bytes}
   Worker → page: what checker-worker.js posts, and
                  {kind: "fill-checked", id, result} | {kind: "fill-file", id, bytes}
                  {kind: "fill-refused", id, message} | {kind: "failed", id, message}
*/
"use strict";

importScripts("checker-worker.js"); // defines load(lang) and pyodide, and answers the checker's own messages

const checkerMessage = self.onmessage;
let fillModule = null;

async function fill(lang) {
  await load(lang);
  if (!fillModule) fillModule = pyodide.pyimport("handbook.fill");
  return fillModule;
}

function bytesOf(proxy) {
  const bytes = proxy && proxy.toJs ? proxy.toJs() : proxy;
  if (proxy && proxy.destroy) proxy.destroy();
  return bytes;
}

async function answer(message) {
  const module = await fill(message.lang);
  const rows = JSON.stringify(message.rows || []);
  const id = message.id;
  try {
    if (message.kind === "fill-check") {
      const text = module.validate_json(message.form, rows, message.lang);
      post({ kind: "fill-checked", id, result: JSON.parse(text) });
    } else if (message.kind === "fill-xlsx" || message.kind === "fill-csv") {
      const call = message.kind === "fill-xlsx" ? module.register_xlsx : module.register_csv;
      const bytes = bytesOf(call(message.form, rows, message.lang));
      post({ kind: "fill-file", id, bytes }, [bytes.buffer]);
    } else if (message.kind === "fill-append") {
      const out = module.append_for_worker(new Uint8Array(message.bytes), message.name, message.form, rows, message.lang);
      if (typeof out === "string") post({ kind: "fill-refused", id, message: out });
      else {
        const bytes = bytesOf(out);
        post({ kind: "fill-file", id, bytes }, [bytes.buffer]);
      }
    }
  } catch (error) {
    post({ kind: "failed", id, message: String(error && error.message || error) });
  }
}

self.onmessage = (event) => {
  const message = event.data || {};
  if (String(message.kind || "").startsWith("fill-")) {
    answer(message).catch((error) => post({ kind: "failed", id: message.id, message: String(error && error.message || error) }));
  } else {
    if (checkerMessage) checkerMessage(event);
    if (message.kind === "start" && message.form) {
      // while the person types the first field: import handbook.fill and run one empty check,
      // so the first real check does not pay for the imports
      fill(message.lang)
        .then((module) => module.validate_json(message.form || "", "[]", message.lang))
        .catch(() => {});
    }
  }
};
