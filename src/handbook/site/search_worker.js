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
 *    (jieba's words of the pages, the glossary, the lexicon) or, failing that,
 *    into the fewest pieces that occur in the pages; question words and
 *    particles (多久, 怎么, 什么时候, 的, 之内 ...) are dropped, leftover verbs of a
 *    question (弄, 填, 交 ...) weigh little. Latin words match at the start of a
 *    word (register finds registers); digits stay with their Han (24小时).
 *    A word of the lexicon (管理费, grievance, "call back") also finds the
 *    handbook's words for it (物业费, complaint, follow-up); a Han word also
 *    finds itself written with 的 inside (重大投诉: 重大的投诉).
 * 2. Pages are ranked: reference pages last; then the pages holding the query
 *    as written; then by BM25: each word counts by its rarity over the pages
 *    and how often the page holds it on the scale of the page's length; the
 *    share of the query's weight a page holds multiplies it (one rare,
 *    decisive word beats several common ones). A word in the title counts
 *    more, words close together more, a form's own words more than its lists
 *    of choices (<span data-o>), a form's page more for a form's name; for a
 *    question about a deadline or a quota, the page holding a number next to
 *    the query's words.
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
  return value.normalize("NFKC").toLowerCase().replace(/(\d)\s+%/g, "$1%").replace(/[’‘]/g, "'")
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

/* A form's lists of choices, marked at build time: they count little. */
var OPTIONS = /<span data-o>([\s\S]*?)<\/span>/g
var OPTION_WEIGHT = 0.15
/* How much another spelling counts: the lexicon's word for it, with 的 inside, a synonym, one character. */
var LEXICON_WEIGHT = 0.9
/* Another spelling the glossary gives (客服中心: 物业服务中心): the same thing, but the pages
 * writing the word as typed come first. */
var VARIANT_WEIGHT = 0.7
/* A task or policy page's weight for a deadline or a quota it holds (their boost is lower otherwise). */
var NUMBER_PAGE = 0.8
var SHARE = 1.5
/* A rule's weight (the source of every number and duty), a form's for a query naming a form. */
var RULE = 1.25
var FORM = 1.6
/* A page whose title holds the query's decisive word; a task page for a question asking what to do. */
var NAMED = 1.8
/* A rule for a query of only a number; a title's weight for a question about a deadline. */
var RULE_NUMBER = 1.8
var TITLE_DEADLINE = 3
/* How much a number next to the words counts, and how close is next to (characters). */
var NEAR = 0.5
var NEAR_WIDTH = 20
var HOWTO = 1.3
/* BM25's b: how much a page's length scales its counts. */
var LENGTH = 0.5

/* A Latin phrase as the lexicon and the query compare it: owners' association is owners association. */
function latinKey(value) {
  return normalize(value).replace(/'s\b/g, "").replace(/'/g, "").replace(/[^\p{L}\p{N}%]+/gu, " ").trim()
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
  this.weak = new Set(h.weak || [])
  this.numberPages = h.number_pages || []
  this.howto = h.howto || []
  this.howtoPages = h.howto_pages || []
  this.method = h.method || []
  this.methodWords = h.method_words || []
  this.lexicon = h.lexicon || {}
  this.variants = h.variants || {}
  this.lexiconKeys = new Map()
  for (var key in this.lexicon) this.lexiconKeys.set(latinKey(key), key)
  this.docs = []
  this.pages = []
  var byPage = new Map()
  var corpus = []
  for (var i = 0; i < docs.length; i++) {
    var doc = docs[i]
    var page = doc.location.split("#")[0]
    var title = normalize(plain(doc.title))
    var options = []
    var text = normalize(plain(String(doc.text || "").replace(OPTIONS, function (m, o) { options.push(o); return " " })))
    var opt = normalize(plain(options.join(" / ")))
    var d = {
      doc: doc, page: page,
      title: title, text: text, opt: opt,
      titleC: compact(title), textC: compact(text), optC: compact(opt)
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
    corpus.push(d.titleC, d.textC, d.optC)
  }
  for (var k = 0; k < this.pages.length; k++) {
    var pg = this.pages[k]
    pg.title = pg.article.title
    pg.titleC = pg.article.titleC
    pg.text = pg.docs.map(function (x) { return x.title + " \n " + x.text }).join(" \n ")
    pg.textC = compact(pg.text)
    pg.opt = pg.docs.map(function (x) { return x.opt }).join(" / ")
    pg.optC = compact(pg.opt)
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
      else if (e - s >= 2 && this.lexicon[piece]) { c = 0.95; k = "word" }
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

/* The query as terms: [{text, han, alts, lex, weak}], and the phrase as written. */
Engine.prototype.parse = function (query) {
  var q = normalize(query).replace(/["+*~^:]/g, " ")
  var tokens = q.match(/[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9%.]*[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff][\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9%.]*|[\p{L}\p{N}%]+(?:['-][\p{L}\p{N}]+)*/gu) || []
  var terms = [], seen = new Set(), latin = []
  var self = this
  function add(text, han, lexKey) {
    if (!text || seen.has(text)) return
    seen.add(text)
    // a leftover character of the question (修好了, 投诉完) weighs little, unless a form's word (表, 单)
    var weak = han && (self.weak.has(text) || (text.length === 1 && !self.lexicon[text] &&
      self.formWords.indexOf(text) === -1 && !/\d/.test(text)))
    var term = { text: text, han: han, weak: weak, spell: [] }
    var known = new Set()
    function spell(value, w) {
      value = han ? compact(normalize(value)) : normalize(value)
      if (value && !known.has(value)) { known.add(value); term.spell.push(spelling(value, w, han)) }
    }
    // a word of the lexicon as typed (happy is not happ-en); other Latin words by their stem
    spell(han || / /.test(text) || self.lexicon[lexKey || text] ? text : stem(text), 1)
    if (han) numberVariants(text).forEach(function (v) { spell(v, 0.9) })
    ;(self.lexicon[lexKey || text] || []).forEach(function (v) { spell(v, LEXICON_WEIGHT) })
    if (han) self.particleVariants(text).forEach(function (v) { spell(v, LEXICON_WEIGHT) })
    ;(self.variants[text] || []).forEach(function (v) { spell(v, VARIANT_WEIGHT) })
    ;(self.synonyms[text] || []).forEach(function (v) {
      // 12个月 is 1年 exactly; 记录表 is only like 登记表
      var same = han && /\d/.test(v) && /\d/.test(text)
      spell(v, !han ? 0.8 : same ? LEXICON_WEIGHT : v.length > 1 ? 0.6 : 0.3)
    })
    terms.push(term)
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
  // Latin words: the lexicon's phrases first (call back, front desk), then words that say something
  var rest = []
  for (var k = 0; k < latin.length;) {
    var len = Math.min(5, latin.length - k), key = null
    for (; len > 0; len--) {
      key = this.lexiconKeys.get(latinKey(latin.slice(k, k + len).join(" ")))
      if (key && (len > 1 || !this.stop.has(latin[k]))) break
    }
    if (len > 0) { add(len > 1 ? latinKey(key) : latin[k].replace(/'s?$/, ""), false, key); k += len }
    else { rest.push(latin[k]); k++ }
  }
  var kept = rest.filter(function (w) { return !self.stop.has(w) })
  if (!kept.length && !terms.length) kept = rest
  for (var m = 0; m < kept.length; m++) add(kept[m].replace(/'s?$/, ""), false)
  if (terms.every(function (t) { return t.weak })) terms.forEach(function (t) { t.weak = false })
  var multi = terms.length > 1
  // A question asking how a figure is computed (满意度怎么算): a hint of the method's words, never required
  if (terms.length && this.methodWords.length && this.method.some(function (w) { return q.indexOf(w) !== -1 })) {
    var zh = this.lang === "zh"
    terms.push({ text: this.methodWords[0], han: zh, weak: true, spell: this.methodWords.map(function (w) {
      return spelling(zh ? compact(normalize(w)) : normalize(w), 1, zh)
    }) })
  }
  // The phrase: Han as written without spaces, or its words without particles; Latin words in order
  var hanPhrase = compact(q.replace(/[^\p{L}\p{N}%]+/gu, " "))
  var strong = terms.filter(function (t) { return t.han && !t.weak })
  var hanWords = strong.length > 1 ? strong.map(function (t) { return t.text }).join("") : ""
  var latinPhrase = null
  if (latin.length > 1 && !terms.some(function (t) { return t.han })) {
    latinPhrase = new RegExp("(?:^|[^a-z0-9])" + latin.map(function (w) {
      return escapeRegExp(stem(w.replace(/'s?$/, ""))) + "[\\p{L}']*"
    }).join("[^\\p{L}\\p{N}]+(?:(?:the|a|an|of|and)[^\\p{L}\\p{N}]+)?"), "u")
  }
  // A question about a deadline or a quota, or a number: the page holding the number first
  var numeric = function (t) { return t.han && (/\d/.test(t.text) || numberVariants(t.text).length > 0) || /^\d/.test(t.text) }
  var deadline = terms.some(numeric) || this.deadline.some(function (w) { return q.indexOf(w) !== -1 })
  // Only a number (24小时, 10%): the rule that sets it, the source of every copy
  var onlyNumber = terms.length > 0 && terms.every(function (t) { return t.weak || numeric(t) })
  // A question asking what to do: the task page that gives the steps first
  var howto = this.howto.some(function (w) { return q.indexOf(w) !== -1 })
  // 登记表, 通知单, 记录 (not 代表): a form word, or a longer word ending in one, as typed or
  // as the lexicon spells it (登记本 is a 登记表)
  var form = terms.some(function (t) {
    return t.spell.some(function (sp) {
      return sp.w >= LEXICON_WEIGHT && self.formWords.some(function (w) {
        return t.han ? sp.text === w || (sp.text.length >= 3 && sp.text.slice(-w.length) === w) : sp.text.indexOf(stem(w)) === 0
      })
    })
  })
  return { terms: terms, hanPhrase: hanPhrase, hanWords: hanWords !== hanPhrase && hanWords.length > 1 ? hanWords : null,
           latinPhrase: latinPhrase, multi: multi, deadline: deadline, form: form, howto: howto,
           onlyNumber: onlyNumber }
}

/* A Han word written with a particle inside in the pages: 重大投诉 is also 重大的投诉. */
Engine.prototype.particleVariants = function (text) {
  var out = []
  if (text.length < 4 || /\d/.test(text)) return out
  for (var k = 2; k <= text.length - 2; k++) {
    for (var p = 0; p < PARTICLES.length; p++) {
      var v = text.slice(0, k) + PARTICLES[p] + text.slice(k)
      if (this.inCorpus(v)) out.push(v)
    }
  }
  return out
}
var PARTICLES = ["的", "之"]

/* One spelling of a term: the text (a Latin one matches at a word start), how much it counts.
 * As typed 1; the lexicon's words for it and the term with 的 inside 0.9 (LEXICON_WEIGHT);
 * the number written the other way 0.9; a synonym 0.6 (Latin 0.8); a one-character one 0.3. */
function spelling(text, w, han) {
  return { text: text, w: w, han: han,
           re: han ? null : new RegExp("(?:^|[^a-z0-9])" + latinPattern(text), "gu") }
}

function spellCount(sp, field, fieldC) {
  if (sp.han) return count(fieldC, sp.text)
  return (field.match(sp.re) || []).length
}

/* A Latin word or phrase as a pattern: words apart by spaces or hyphens (call back, call-back). */
function latinPattern(value) {
  return value.split(/[\s-]+/).map(escapeRegExp).join("[\\s-]+")
}

/* Occurrences of a spelling in a page's or a section's text, its lists of choices counting little. */
function textCount(sp, x) {
  var n = spellCount(sp, x.text, x.textC)
  return x.optC ? n + OPTION_WEIGHT * spellCount(sp, x.opt, x.optC) : n
}

/* How a page or a section holds a term: score (BM25 over the term's spellings), held
 * (the weight of the best spelling it holds; half if only in a list of choices), title. */
function termScore(term, x, norm, titleWeight) {
  var score = 0, held = 0, title = 0
  for (var i = 0; i < term.spell.length; i++) {
    var sp = term.spell[i]
    if (!sp.weight) continue
    var inText = spellCount(sp, x.text, x.textC), n = textCount(sp, x)
    var inTitle = spellCount(sp, x.title, x.titleC) > 0
    if (inTitle) title = Math.max(title, sp.weight)
    if (n > 0) score += sp.weight * tf(n, norm)
    if (inTitle || inText) held = Math.max(held, sp.w)
    else if (n > 0) held = Math.max(held, 0.5 * sp.w)
  }
  return { score: score + titleWeight * title, held: held * term.weight, title: title > 0 }
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
  for (var i = 0; i < term.spell.length && !out.length; i++) {
    var sp = term.spell[i]
    if (sp.han) positions(d.textC, sp.text, out)
    else { var m; sp.re.lastIndex = 0; while ((m = sp.re.exec(d.text))) out.push(m.index) }
  }
  return out
}

/* Where a section writes a number of hours, days, times or a percentage: 24小时, 三天, 10%, within 7 days. */
var NUMBER_ZH = /(?:\d+(?:\.\d+)?|[零一二两三四五六七八九十半]+)(?:个)?(?:小时|天|日|个?工作日|周|星期|个?月|季度|年|次|%|分钟)/g
var NUMBER_EN = /(?:^|[^a-z0-9])(?:\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|thirty|half)(?:\s|-)?(?:working |calendar )?(?:hours?|days?|weeks?|months?|years?|times|%|per ?cent)/g
function numberPositions(d, han) {
  var out = [], re = han ? NUMBER_ZH : NUMBER_EN, m, text = han ? d.textC : d.text
  re.lastIndex = 0
  while ((m = re.exec(text))) out.push(m.index)
  return out
}

/* The weight of each spelling: its rarity over the pages (BM25's idf) times how much it
 * counts, little for a leftover verb; a term weighs as its best spelling. */
Engine.prototype.weigh = function (terms) {
  var N = this.pages.length
  return terms.map(function (term) {
    var best = 0
    term.spell.forEach(function (sp) {
      // pages holding it; a word only the reference pages hold (the glossary's 前台) says little
      var df = 0, plain = 0
      for (var i = 0; i < N; i++) {
        if (textCount(sp, this.pages[i]) > 0) { df++; if (!this.pages[i].reference) plain++ }
      }
      var idf = Math.log(1 + (N - df + 0.5) / (df + 0.5))
      sp.weight = df ? sp.w * idf * (term.weak ? 0.15 : 1) * (plain ? 1 : 0.2) : 0
      best = Math.max(best, sp.weight)
    }, this)
    // the word as typed weighs what it weighs; another spelling never more (a rarer one
    // must not make the pages holding the word as typed look as if they lacked it)
    var typed = term.spell[0].weight
    if (typed) term.spell.forEach(function (sp) { sp.weight = Math.min(sp.weight, typed) })
    // a word the pages never hold weighs as a rare one: no page is spared for lacking it
    term.weight = typed || best || Math.log(1 + N) * (term.weak ? 0.15 : 1)
    return term.weight
  }, this)
}

Engine.prototype.search = function (query) {
  var parsed = this.parse(query)
  var terms = parsed.terms
  if (!terms.length) return { items: [] }
  var han = this.lang === "zh"
  var weight = this.weigh(terms)
  // The decisive word: the query's rarest (a page named after it is what was asked for)
  var decisive = weight.indexOf(Math.max.apply(null, weight))
  var totalWeight = weight.reduce(function (a, b) { return a + b }, 0) || 1
  var avgLength = this.avgLength || (this.avgLength = this.pages.reduce(function (a, p) { return a + p.textC.length }, 0) / this.pages.length)
  var ranked = []
  for (var i = 0; i < this.pages.length; i++) {
    var p = this.pages[i]
    var score = 0, phrase = false, inTitle = 0, held = 0
    var norm = (1 - LENGTH) + LENGTH * p.textC.length / avgLength
    var named = false
    for (var t = 0; t < terms.length; t++) {
      var ts = termScore(terms[t], p, norm, parsed.deadline ? TITLE_DEADLINE : 6)
      if (ts.title) inTitle++
      if (ts.title && t === decisive) named = true
      held += ts.held
      score += ts.score
    }
    if (!held) continue
    if (parsed.multi) {
      phrase = parsed.latinPhrase
        ? parsed.latinPhrase.test(p.text)
        : [parsed.hanPhrase, parsed.hanWords].some(function (h) { return h && h.length > 1 && p.textC.indexOf(h) !== -1 })
      if (parsed.hanPhrase.length > 1 && p.titleC.indexOf(parsed.hanPhrase) !== -1) { phrase = true; score += 4 * totalWeight }
    }
    // A form's (or any page's) name, exactly
    if (p.titleC === parsed.hanPhrase) score += 10 * totalWeight
    // Sections: each scored alone; the best one's closeness (and nearness to a number) counts for the page
    var sections = [], close = 0, near = 0
    for (var s = 0; s < p.docs.length; s++) {
      var d = p.docs[s], ss = 0, found = {}, lists = []
      var dnorm = (1 - LENGTH) + LENGTH * d.textC.length / (avgLength / 4)
      for (var u = 0; u < terms.length; u++) {
        var sc = termScore(terms[u], d, dnorm, 3)
        found[terms[u].text] = sc.held > 0
        ss += sc.score
        if (parsed.multi || parsed.deadline) lists.push(terms[u].weak ? [] : termPositions(terms[u], d))
      }
      if (parsed.multi) {
        var width = span(lists)
        if (width !== null) close = Math.max(close, 1 / (1 + width / 12))
      }
      if (parsed.deadline && ss > 0) {
        var numbers = numberPositions(d, han)
        if (numbers.length) {
          var reach = span(lists.filter(function (l) { return l.length }).concat([numbers]))
          near = Math.max(near, reach === null ? 0.3 : 1 / (1 + reach / NEAR_WIDTH))
        }
      }
      sections.push({ d: d, score: ss, terms: found })
    }
    // Words close together; for a deadline or a quota, the words close to a number
    score += 3 * totalWeight * (parsed.deadline && !parsed.onlyNumber ? near : close)
    // The share of the query's weight the page holds: a rare decisive word beats several common ones
    var share = held / totalWeight
    var factor = Math.pow(share, SHARE)
    if (parsed.onlyNumber) {
      factor *= p.boost * (p.kind === "rules" ? RULE_NUMBER : 1)
    } else if (parsed.deadline) {
      // the number asked for: the page holding it next to the words, task and policy pages at full weight
      var numbers = this.numberPages.some(function (k) { return p.page.indexOf(k) === 0 })
      factor *= (numbers ? Math.max(NUMBER_PAGE, p.boost) : p.boost) * (1 + NEAR * near)
    } else {
      factor *= p.boost
    }
    if (p.kind === "rules") factor *= RULE
    if (parsed.form && p.kind === "forms" && p.page !== "forms/") factor *= FORM
    if (named) factor *= NAMED
    if (parsed.howto && this.howtoPages.some(function (k) { return p.page.indexOf(k) === 0 })) factor *= HOWTO / p.boost
    // A reference page, or an overview (home, list of forms), comes last unless its title is what was asked for
    var overview = p.page === "" || p.page === "forms/"
    var reference = (p.reference || overview) && inTitle < terms.length
    ranked.push({ page: p, reference: reference, phrase: phrase, score: score * factor,
                  sections: sections, why: [score, share, near, close] })
  }
  ranked.sort(function (a, b) {
    return (a.reference - b.reference) || (b.phrase - a.phrase) || (b.score - a.score)
  })
  this.ranked = ranked
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
  terms.forEach(function (t) {
    if (!found[t.text]) return
    t.spell.forEach(function (sp) { if (sp.text.length > 1 || !t.han) words.push(sp.text) })
  })
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
