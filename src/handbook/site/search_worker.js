/*
 * The handbook's search worker: Material for MkDocs' worker protocol, the handbook's engine.
 *
 * Material's page script sends {type: 0 (setup), data: {config, docs}}, then one
 * {type: 2 (query), data: "the query"} per change, and renders the answer
 * {type: 3 (result), data: {items: [[page, section, ...], ...]}} as it renders
 * its own worker's (one group per page; an item is a doc with title and text as
 * HTML, score and terms {word: found}). Settings come from config.handbook,
 * written at build time by handbook.site.search.
 *
 * The engine: no inverted index. The language's pages (about 150 KB for zh)
 * are searched as text, which a phone does in a few milliseconds per query.
 *
 * 1. A query is read as words. Han text is cut into the handbook's vocabulary
 *    (jieba's words of the pages, the glossary) or, failing that, into the
 *    fewest pieces that occur in the pages; question words and particles
 *    (多久, 怎么, 什么时候, 的 ...) are dropped. Latin words match at the start of
 *    a word (register finds registers); digits stay with their Han (24小时).
 * 2. Pages are ranked: reference pages last; then the pages holding the query
 *    as written; then by how many of its words they hold; then by weight:
 *    rarer words count more, a word in the title more than in the text,
 *    words close together more, a form's page more for a form's name, a rule
 *    more for a question about a deadline or a quota.
 *
 * Plain ES2017, no imports: it also runs under Node (tests/js/search_worker.cjs).
 */
"use strict"

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3

/* ---------------------------------------------------------------- text */

var HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/
var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'", nbsp: " ", "#39": "'" }

function plain(value) {
  return String(value || "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(#?\w+);/g, function (m, name) {
      if (name in ENTITIES) return ENTITIES[name]
      if (name[0] === "#") return String.fromCharCode(name[1] === "x" ? parseInt(name.slice(2), 16) : +name.slice(1))
      return m
    })
}

function normalize(value) {
  return value.normalize("NFKC").toLowerCase()
}

/* Han text is compared without whitespace: "24 小时" in a page is 24小时. */
function compact(value) {
  return value.replace(/\s+/g, "")
}

function count(haystack, needle) {
  if (!needle) return 0
  var n = 0, i = haystack.indexOf(needle)
  while (i !== -1) { n++; i = haystack.indexOf(needle, i + needle.length) }
  return n
}

function positions(haystack, needle, out) {
  var i = haystack.indexOf(needle)
  while (i !== -1) { out.push(i); i = haystack.indexOf(needle, i + needle.length) }
}

function escapeRegExp(value) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
}

/* ---------------------------------------------------------------- engine */

function Engine(config, docs) {
  var h = (config && config.handbook) || {}
  this.lang = h.lang || (config && config.lang && config.lang[0]) || "en"
  this.vocabulary = new Set(h.vocabulary || [])
  this.stop = new Set(h.stop || [])
  this.deadline = h.deadline || []
  this.synonyms = h.synonyms || {}
  this.formWords = h.formWords || h.form_words || []
  this.docs = []
  this.pages = []
  var byPage = new Map()
  var corpus = []
  for (var i = 0; i < docs.length; i++) {
    var doc = docs[i]
    var page = doc.location.split("#")[0]
    var title = normalize(plain(doc.title))
    var text = normalize(plain(doc.text))
    var d = {
      doc: doc, page: page,
      title: title, text: text,
      titleC: compact(title), textC: compact(text)
    }
    this.docs.push(d)
    var p = byPage.get(page)
    if (!p) {
      p = { page: page, article: d, docs: [], boost: doc.boost == null ? 1 : doc.boost,
            reference: !!doc.reference, kind: page.split("/")[0] }
      byPage.set(page, p)
      this.pages.push(p)
    }
    p.docs.push(d)
    corpus.push(d.titleC, d.textC)
  }
  for (var k = 0; k < this.pages.length; k++) {
    var pg = this.pages[k]
    pg.title = pg.article.title
    pg.titleC = pg.article.titleC
    pg.text = pg.docs.map(function (x) { return x.title + " \n " + x.text }).join(" \n ")
    pg.textC = compact(pg.text)
  }
  this.corpus = corpus.join("\n")
  this.occurs = new Map()
}

Engine.prototype.inCorpus = function (piece) {
  var hit = this.occurs.get(piece)
  if (hit === undefined) {
    hit = this.corpus.indexOf(piece) !== -1
    this.occurs.set(piece, hit)
  }
  return hit
}

/* Cut a run of Han characters (and digits) into words: fewest, best-known pieces. */
Engine.prototype.segment = function (run) {
  var n = run.length
  var cost = [0], back = [0], kind = [""]
  for (var i = 1; i <= n; i++) { cost[i] = Infinity; back[i] = 0; kind[i] = "" }
  for (var s = 0; s < n; s++) {
    if (cost[s] === Infinity) continue
    for (var e = s + 1; e <= Math.min(n, s + 16); e++) {
      var piece = run.slice(s, e)
      var c, k
      if (this.stop.has(piece)) { c = 0.9; k = "stop" }
      else if (e - s >= 2 && this.vocabulary.has(piece) && this.inCorpus(piece)) { c = 1; k = "word" }
      else if (e - s >= 2 && this.inCorpus(piece)) { c = 1.6; k = "word" }
      else if (e - s === 1 || /^\d+$/.test(piece)) { c = this.inCorpus(piece) ? 2 : 3; k = "word" }
      else continue
      if (cost[s] + c < cost[e] - 1e-9) { cost[e] = cost[s] + c; back[e] = s; kind[e] = k }
    }
  }
  var words = []
  for (var at = n; at > 0; at = back[at]) {
    if (kind[at] !== "stop") words.unshift(run.slice(back[at], at))
  }
  // A query of nothing but question words still searches for what was typed
  return words.length ? words : [run]
}

/* The query as terms: [{text, alts, han}], and the phrase as written. */
Engine.prototype.parse = function (query) {
  var q = normalize(query).replace(/["+*~^:]/g, " ")
  var tokens = q.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9%.]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9%.]*|[\p{L}\p{N}%]+(?:['’][\p{L}]+)*/gu) || []
  var terms = [], seen = new Set(), latin = []
  var self = this
  function add(text, han) {
    if (!text || seen.has(text)) return
    seen.add(text)
    terms.push({ text: text, han: han, alts: (self.synonyms[text] || []).filter(function (a) { return a !== text }) })
  }
  for (var i = 0; i < tokens.length; i++) {
    var token = tokens[i].replace(/^[.]+|[.]+$/g, "")
    if (!token) continue
    if (HAN.test(token)) {
      var words = this.segment(token)
      for (var j = 0; j < words.length; j++) add(words[j], true)
    } else {
      latin.push(token)
    }
  }
  var kept = latin.filter(function (w) { return !self.stop.has(w) })
  if (!kept.length && !terms.length) kept = latin
  for (var m = 0; m < kept.length; m++) add(kept[m].replace(/['’]s?$/, ""), false)
  // The phrase: Han as written without spaces; Latin words in order
  var hanPhrase = compact(q.replace(/[^\p{L}\p{N}%]+/gu, " "))
  var latinPhrase = null
  if (latin.length > 1 && !terms.some(function (t) { return t.han })) {
    latinPhrase = new RegExp("(?:^|[^\\p{L}\\p{N}])" + latin.map(function (w) {
      return escapeRegExp(w.replace(/['’]s?$/, ""))
    }).join("[^\\p{L}\\p{N}]+(?:(?:the|a|an|of|and)[^\\p{L}\\p{N}]+)?"), "u")
  }
  var deadline = this.deadline.some(function (w) { return q.indexOf(w) !== -1 })
  var form = terms.some(function (t) {
    return self.formWords.some(function (w) { return t.han ? t.text.slice(-w.length) === w : t.text.indexOf(w) === 0 })
  })
  return { terms: terms, hanPhrase: hanPhrase, latinPhrase: latinPhrase,
           multi: terms.length > 1, deadline: deadline, form: form }
}

/* Occurrences of one term (any of its spellings) in a field: [exact, alternative]. */
function hits(term, field, fieldC) {
  if (term.han) {
    var exact = count(fieldC, term.text), alt = 0
    for (var i = 0; i < term.alts.length; i++) alt += count(fieldC, term.alts[i])
    return [exact, alt]
  }
  var re = term.re || (term.re = new RegExp("(?:^|[^\\p{L}\\p{N}])" + escapeRegExp(term.text), "gu"))
  var reAlt = term.reAlt || (term.reAlt = term.alts.length
    ? new RegExp("(?:^|[^\\p{L}\\p{N}])(?:" + term.alts.map(escapeRegExp).join("|") + ")", "gu")
    : null)
  return [(field.match(re) || []).length, reAlt ? (field.match(reAlt) || []).length : 0]
}

function weightOf(h) {
  var n = h[0] + 0.5 * h[1]
  return n > 0 ? 1 + Math.log(n) : 0
}

/* Smallest stretch of text holding one occurrence of each term found: in characters. */
function span(lists) {
  lists = lists.filter(function (l) { return l.length })
  if (lists.length < 2) return null
  var all = []
  lists.forEach(function (l, k) { l.forEach(function (p) { all.push([p, k]) }) })
  all.sort(function (a, b) { return a[0] - b[0] })
  var need = lists.length, have = new Map(), best = Infinity, left = 0
  for (var r = 0; r < all.length; r++) {
    have.set(all[r][1], (have.get(all[r][1]) || 0) + 1)
    while (have.size === need) {
      best = Math.min(best, all[r][0] - all[left][0])
      var key = all[left][1], c = have.get(key) - 1
      if (c) have.set(key, c); else have.delete(key)
      left++
    }
  }
  return best
}

function termPositions(term, d) {
  var out = []
  if (term.han) {
    positions(d.textC, term.text, out)
    if (!out.length) term.alts.forEach(function (a) { positions(d.textC, a, out) })
  } else {
    var re = new RegExp("(?:^|[^\\p{L}\\p{N}])" + escapeRegExp(term.text), "gu"), m
    while ((m = re.exec(d.text))) out.push(m.index)
  }
  return out
}

Engine.prototype.search = function (query) {
  var parsed = this.parse(query)
  var terms = parsed.terms
  if (!terms.length) return { items: [] }
  var P = this.pages.length
  // Rarity of each term over pages
  var idf = terms.map(function (term) {
    var df = 0
    for (var i = 0; i < this.pages.length; i++) {
      var p = this.pages[i], h = hits(term, p.text, p.textC)
      if (h[0] + h[1] > 0) df++
    }
    return Math.log(1 + P / Math.max(1, df))
  }, this)
  var totalIdf = idf.reduce(function (a, b) { return a + b }, 0)
  var ranked = []
  for (var i = 0; i < this.pages.length; i++) {
    var p = this.pages[i]
    var found = 0, score = 0, phrase = false
    var present = terms.map(function (term, t) {
      var inTitle = hits(term, p.title, p.titleC)
      var inText = hits(term, p.text, p.textC)
      if (inTitle[0] + inTitle[1] + inText[0] + inText[1] === 0) return false
      score += idf[t] * ((inTitle[0] ? 8 : inTitle[1] ? 5 : 0) + weightOf(inText))
      return true
    })
    found = present.filter(Boolean).length
    if (!found) continue
    if (parsed.multi) {
      phrase = parsed.latinPhrase
        ? parsed.latinPhrase.test(p.text)
        : parsed.hanPhrase.length > 1 && p.textC.indexOf(parsed.hanPhrase) !== -1
      if (parsed.hanPhrase.length > 1 && p.titleC.indexOf(parsed.hanPhrase) !== -1) { phrase = true; score += 4 * totalIdf }
    }
    // Sections: each scored alone; the best one's closeness counts for the page
    var sections = []
    var close = 0
    for (var s = 0; s < p.docs.length; s++) {
      var d = p.docs[s], ss = 0, terms_ = {}
      for (var t = 0; t < terms.length; t++) {
        var ht = hits(terms[t], d.title, d.titleC), hx = hits(terms[t], d.text, d.textC)
        var any = ht[0] + ht[1] + hx[0] + hx[1] > 0
        terms_[terms[t].text] = any
        if (any) ss += idf[t] * ((ht[0] ? 4 : ht[1] ? 2 : 0) + weightOf(hx))
      }
      if (parsed.multi) {
        var width = span(terms.map(function (term) { return termPositions(term, d) }))
        if (width !== null) close = Math.max(close, 1 / (1 + width / 12))
      }
      sections.push({ d: d, score: ss, terms: terms_ })
    }
    score += 3 * totalIdf * close
    var factor = p.boost
    if (parsed.form && p.kind === "forms" && p.page !== "forms/") factor *= 1.6
    if (parsed.deadline && p.kind === "rules") factor *= 1.5
    if (p.page === "" || p.page === "forms/") factor *= 0.6
    ranked.push({ page: p, reference: p.reference, phrase: phrase, found: found,
                  score: score * factor, sections: sections })
  }
  ranked.sort(function (a, b) {
    return (a.reference - b.reference) || (b.phrase - a.phrase) ||
      (b.found - a.found) || (b.score - a.score)
  })
  var self = this
  var items = ranked.map(function (r, rank) {
    var top = Math.max.apply(null, r.sections.map(function (s) { return s.score })) || 1
    // The page's score on a scale that keeps the pages' order (Enter opens the best)
    var pageScore = (ranked.length - rank) * 10
    var group = r.sections
      .filter(function (s) { return s.score > 0 || s.d === r.page.article })
      .sort(function (a, b) { return b.score - a.score })
      .map(function (s) {
        return self.item(s.d, s.d === r.page.article && s.score === 0 ? 0 : pageScore * s.score / top, s.terms, terms)
      })
    return group
  })
  return { items: items }
}

/* A result item: the doc with its words marked (HTML outside tags only). */
Engine.prototype.item = function (d, score, found, terms) {
  var words = []
  terms.forEach(function (t) { if (found[t.text]) words.push(t.text); t.alts.forEach(function (a) { if (a.length > 1 || !t.han) words.push(a) }) })
  var doc = d.doc
  return {
    location: doc.location,
    title: mark(doc.title, words),
    text: mark(doc.text, words),
    score: score,
    terms: found
  }
}

function mark(value, words) {
  if (!words.length) return value
  words = words.slice().sort(function (a, b) { return b.length - a.length })
  var re = new RegExp("(" + words.map(escapeRegExp).join("|") + ")", "giu")
  return String(value).split(/(<[^>]*>)/).map(function (part) {
    return part[0] === "<" ? part : part.replace(re, "<mark data-md-highlight>$1</mark>")
  }).join("")
}

/* ---------------------------------------------------------------- worker */

var engine = null

function handle(message) {
  switch (message.type) {
    case SETUP:
      engine = new Engine(message.data.config, message.data.docs)
      return { type: READY }
    case QUERY:
      try {
        return { type: RESULT, data: engine ? engine.search(String(message.data || "")) : { items: [] } }
      } catch (err) {
        console.warn("search: query failed", message.data, err)
        return { type: RESULT, data: { items: [] } }
      }
    default:
      throw new TypeError("Invalid message type")
  }
}

if (typeof addEventListener === "function")
  addEventListener("message", function (ev) { postMessage(handle(ev.data)) })

if (typeof module !== "undefined") module.exports = { Engine: Engine, handle: handle }
