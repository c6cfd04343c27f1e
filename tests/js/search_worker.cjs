#!/usr/bin/env node
/*
 * Run queries through the site's search worker (the one its pages start), under Node.
 *
 * The worker (assets/javascripts/workers/search.*.min.js in a built site) is a
 * browser Web Worker script. This file gives it what a worker has (self,
 * importScripts, addEventListener, postMessage) inside a vm context, sends it
 * the search index exactly as the page would, then one query per message.
 *
 * Usage: node search_worker.cjs SITE_DIR INDEX_JSON [WORKER_JS] < queries.json
 *   WORKER_JS: another worker than the one the site's pages start (e.g. Material's)
 *   queries.json: a JSON array of query strings
 *   prints: a JSON object {query: [page location, ...]} in result order
 *   (one entry per page, as Material groups results by page).
 *   With SEARCH_DEBUG=1: the top 4 pages, each with its best 2 sections,
 *   their scores and which query terms they matched.
 *
 * No npm dependencies: only Node's fs, path and vm.
 */
"use strict"

const fs = require("fs")
const path = require("path")
const vm = require("vm")

// Message types of Material's worker protocol (integrations/search/worker/message)
const SETUP = 0
const READY = 1
const QUERY = 2
const RESULT = 3

// The worker the site's pages start: the path in the home page's __config script
// (the handbook's own, handbook.site.search), else Material's.
function findWorker(site) {
  const home = fs.readFileSync(path.join(site, "index.html"), "utf8")
  const config = /<script id="__config" type="application\/json">(.*?)<\/script>/s.exec(home)
  if (config) {
    const named = JSON.parse(config[1]).search
    if (named) return path.join(site, named)
  }
  const dir = path.join(site, "assets", "javascripts", "workers")
  const name = fs.readdirSync(dir).find(f => /^search\..*\.min\.js$/.test(f))
  if (!name) throw new Error(`no search worker in ${dir}`)
  return path.join(dir, name)
}

function loadWorker(workerPath) {
  const listeners = []
  let pending = null
  const context = {
    console,
    setTimeout,
    Map,
    Set,
    clearTimeout,
    Promise,
    URL,
    TextEncoder,
    TextDecoder,
    addEventListener: (type, fn) => { if (type === "message") listeners.push(fn) },
    postMessage: msg => { if (pending) { const p = pending; pending = null; p(msg) } },
    // Synchronous in a real worker; paths are relative to the worker's folder.
    importScripts: (...urls) => {
      for (const url of urls) {
        const file = path.resolve(path.dirname(workerPath), url)
        vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file })
      }
    },
  }
  context.self = context
  context.globalThis = context
  vm.createContext(context)
  vm.runInContext(fs.readFileSync(workerPath, "utf8"), context, { filename: workerPath })
  return message => new Promise(resolve => {
    pending = resolve
    for (const fn of listeners) fn({ data: message })
  })
}

async function main() {
  const [site, indexPath, workerPath] = process.argv.slice(2)
  if (!site || !indexPath) {
    process.stderr.write("usage: node search_worker.cjs SITE_DIR INDEX_JSON < queries.json\n")
    process.exit(2)
  }
  const queries = JSON.parse(fs.readFileSync(0, "utf8"))
  const index = JSON.parse(fs.readFileSync(indexPath, "utf8"))
  const send = loadWorker(workerPath ? path.resolve(workerPath) : findWorker(site))
  const ready = await send({
    type: SETUP,
    data: { config: index.config, docs: index.docs, options: { suggest: false } },
  })
  if (ready.type !== READY) throw new Error(`worker did not get ready: ${JSON.stringify(ready)}`)
  const out = {}
  for (const query of queries) {
    const result = await send({ type: QUERY, data: query })
    if (result.type !== RESULT) throw new Error(`unexpected message ${result.type}`)
    // Each group is one page; its article (no anchor) or first section names it.
    out[query] = process.env.SEARCH_DEBUG
      ? result.data.items.slice(0, 4).map(group => group.slice(0, 2).map(i => `${i.location} ${i.score.toFixed(2)} ${JSON.stringify(i.terms)}`))
      : result.data.items.map(group => group[0].location.split("#")[0])
  }
  process.stdout.write(JSON.stringify(out))
}

main().catch(err => { process.stderr.write(String(err.stack || err) + "\n"); process.exit(1) })
