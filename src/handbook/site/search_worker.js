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
  // 10 % is 10%
  return value.normalize("NFKC").toLowerCase().replace(/(\d)\s+%/g, "$1%")
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

/* A Latin word's stem, matched at the start of a word: analysis finds analysing, reply replies. */
function stem(word) {
  if (word.length <= 4 || /\d/.test(word)) return word
  var m = /^(.{4,}?)(?:ies|ing|ed|es|is|s|y|e)$/.exec(word)
  return m ? m[1] : word
}

/* Numbers written both ways: 3天 is 三天, 两天 is 2天 (units of time and count only). */
var HAN_DIGITS = "零一二三四五六七八九"
function hanNumber(n) {
  if (n < 10) return HAN_DIGITS[n]
  if (n < 100) return (n >= 20 ? HAN_DIGITS[Math.floor(n / 10)] : "") + "十" + (n % 10 ? HAN_DIGITS[n % 10] : "")
  return null
}
function arabicNumber(han) {
  var v = 0, cur = 0
  for (var i = 0; i < han.length; i++) {
    var c = han[i]
    if (c === "十") { v += (cur || 1) * 10; cur = 0 }
    else cur = c === "两" ? 2 : HAN_DIGITS.indexOf(c)
  }
  return v + cur
}
var UNIT = "(?=个?(?:小时|天|日|周|星期|月|季度|年|次|项|人|户|名|份|%))"
function numberVariants(text) {
  var out = []
  var a = text.replace(new RegExp("\\d+" + UNIT, "g"), function (n) { return hanNumber(+n) || n })
  if (a !== text) out.push(a)
  if (/^2(?=个?(?:小时|天|周|星期|月|年|次))/.test(text)) out.push("两" + text.slice(1))
  var b = text.replace(new RegExp("[零一二三四五六七八九十两]+" + UNIT, "g"), function (n) { return String(arabicNumber(n)) })
  if (b !== text) out.push(b)
  return out
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
      if (this.stop.has(piece)) { c = 0.5; k = "stop" }
      else if (e - s >= 2 && this.vocabulary.has(piece) && this.inCorpus(piece)) { c = 1; k = "word" }
      else if (e - s >= 2 && this.inCorpus(piece)) { c = 2.1; k = "word" }
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
  return { words: words.length ? words : [run], cost: cost[n] }
}

/* The better cut of a run and of the run with its numbers in digits (二十四小时 is 24小时). */
Engine.prototype.cut = function (run) {
  var best = this.segment(run)
  numberVariants(run).forEach(function (variant) {
    var other = this.segment(variant)
    if (other.cost < best.cost) best = other
  }, this)
  return best.words
}

/* The query as terms: [{text, alts, han}], and the phrase as written. */
Engine.prototype.parse = function (query) {
  var q = normalize(query).replace(/["+*~^:]/g, " ")
  var tokens = q.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9%.]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9%.]*|[\p{L}\p{N}%]+(?:['’-][\p{L}\p{N}]+)*/gu) || []
  var terms = [], seen = new Set(), latin = []
  var self = this
  function add(text, han) {
    if (!text || seen.has(text)) return
    seen.add(text)
    var alts = (self.synonyms[text] || []).slice()
    if (han) numberVariants(text).forEach(function (v) { alts.unshift(v) })
    terms.push({ text: text, han: han, stem: han ? text : stem(text),
                 alts: alts.filter(function (a, i) { return a !== text && alts.indexOf(a) === i }) })
  }
  for (var i = 0; i < tokens.length; i++) {
    var token = tokens[i].replace(/^[.]+|[.]+$/g, "")
    if (!token) continue
    if (HAN.test(token)) {
      var words = this.cut(token)
      for (var j = 0; j < words.length; j++) add(words[j], true)
    } else {
      latin.push(token)
    }
  }
  var kept = latin.filter(function (w) { return !self.stop.has(w) })
  if (!kept.length && !terms.length) kept = latin
  for (var m = 0; m < kept.length; m++) add(kept[m].replace(/['’]s?$/, ""), false)
  if (!kept.length && latin.length) kept = latin
  // The phrase: Han as written without spaces; Latin words in order
  var hanPhrase = compact(q.replace(/[^\p{L}\p{N}%]+/gu, " "))
  var latinPhrase = null
  if (latin.length > 1 && !terms.some(function (t) { return t.han })) {
    latinPhrase = new RegExp("(?:^|[^a-z0-9])" + latin.map(function (w) {
      return escapeRegExp(stem(w.replace(/['’]s?$/, ""))) + "[\\p{L}'’]*"
    }).join("[^\\p{L}\\p{N}]+(?:(?:the|a|an|of|and)[^\\p{L}\\p{N}]+)?"), "u")
  }
  // A question about a deadline or a quota, or a number: the rule that sets it first
  var deadline = terms.some(function (t) { return /\d/.test(t.text) }) || this.deadline.some(function (w) { return q.indexOf(w) !== -1 })
  var form = terms.some(function (t) {
    return self.formWords.some(function (w) {
      // 登记表, 通知单, 记录 (not 代表): a form word, or a longer word ending in one
      return t.han ? t.text === w || (t.text.length >= 3 && t.text.slice(-w.length) === w) : t.stem.indexOf(stem(w)) === 0
    })
  })
  return { terms: terms, hanPhrase: hanPhrase, latinPhrase: latinPhrase,
           multi: terms.length > 1, deadline: deadline, form: form }
}

/* Occurrences of one term (any of its spellings) in a field: [exact, alternative]. */
/* How well a field holds a term: exact occurrences count 1, another spelling
 * (a synonym, the number written the other way) 0.6, a one-character one 0.3. */
function hits(term, field, fieldC) {
  var n = 0
  if (term.han) {
    n = count(fieldC, term.text)
    for (var i = 0; i < term.alts.length; i++) {
      var a = term.alts[i]
      n += (a.length > 1 ? 0.6 : 0.3) * count(fieldC, a)
    }
    return n
  }
  var re = term.re || (term.re = new RegExp("(?:^|[^a-z0-9])" + escapeRegExp(term.stem), "gu"))
  var reAlt = term.reAlt || (term.reAlt = term.alts.length
    ? new RegExp("(?:^|[^\\p{L}\\p{N}])(?:" + term.alts.map(escapeRegExp).join("|") + ")", "gu")
    : null)
  return (field.match(re) || []).length + (reAlt ? 0.8 * (field.match(reAlt) || []).length : 0)
}

/* Occurrences counted with diminishing returns, on the scale of the page's length (BM25). */
function tf(n, norm) {
  return n > 0 ? n * 2.2 / (n + 1.2 * norm) : 0
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
    var re = new RegExp("(?:^|[^a-z0-9])" + escapeRegExp(term.stem), "gu"), m
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
      var p = this.pages[i]
      if (hits(term, p.text, p.textC) > 0) df++
    }
    return Math.log(1 + P / Math.max(1, df))
  }, this)
  var totalIdf = idf.reduce(function (a, b) { return a + b }, 0)
  var avgLength = this.avgLength || (this.avgLength = this.pages.reduce(function (a, p) { return a + p.textC.length }, 0) / P)
  var ranked = []
  for (var i = 0; i < this.pages.length; i++) {
    var p = this.pages[i]
    var score = 0, phrase = false, inTitle = 0
    var norm = 0.5 + 0.5 * p.textC.length / avgLength
    var found = 0
    for (var t = 0; t < terms.length; t++) {
      var ht = hits(terms[t], p.title, p.titleC), hx = hits(terms[t], p.text, p.textC)
      if (ht + hx === 0) continue
      found++
      if (ht) inTitle++
      score += idf[t] * (6 * Math.min(1, ht) + tf(hx, norm))
    }
    if (!found) continue
    if (parsed.multi) {
      phrase = parsed.latinPhrase
        ? parsed.latinPhrase.test(p.text)
        : parsed.hanPhrase.length > 1 && p.textC.indexOf(parsed.hanPhrase) !== -1
      if (parsed.hanPhrase.length > 1 && p.titleC.indexOf(parsed.hanPhrase) !== -1) { phrase = true; score += 4 * totalIdf }
    }
    // A form's (or any page's) name, exactly
    if (p.titleC === parsed.hanPhrase) score += 10 * totalIdf
    // Sections: each scored alone; the best one's closeness counts for the page
    var sections = []
    var close = 0
    for (var s = 0; s < p.docs.length; s++) {
      var d = p.docs[s], ss = 0, terms_ = {}
      var dnorm = 0.5 + 0.5 * d.textC.length / (avgLength / 4)
      for (var u = 0; u < terms.length; u++) {
        var st = hits(terms[u], d.title, d.titleC), sx = hits(terms[u], d.text, d.textC)
        terms_[terms[u].text] = st + sx > 0
        if (st + sx > 0) ss += idf[u] * (3 * Math.min(1, st) + tf(sx, dnorm))
      }
      if (parsed.multi) {
        var width = span(terms.map(function (term) { return termPositions(term, d) }))
        if (width !== null) close = Math.max(close, 1 / (1 + width / 12))
      }
      sections.push({ d: d, score: ss, terms: terms_ })
    }
    score += 3 * totalIdf * close
    var factor = p.boost
    if (p.kind === "rules") factor *= parsed.deadline ? 1.8 : 1.25
    if (parsed.form && p.kind === "forms" && p.page !== "forms/") factor *= 1.6
    // A reference page, or an overview (home, list of forms), comes last unless its title is what was asked for
    var overview = p.page === "" || p.page === "forms/"
    var reference = (p.reference || overview) && inTitle < terms.length
    ranked.push({ page: p, reference: reference, phrase: phrase, found: found,
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
