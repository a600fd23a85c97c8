/*
 * Material's search worker, with queries that find Swedish inflections.
 *
 * Material appends a wildcard to every query term ("dansbanan*") so that
 * results appear while typing, and Lunr never runs a wildcard term through
 * the stemmer. The index holds stems ("fritidsbank"), so an inflected query
 * such as "fritidsbanken" finds nothing. This wrapper sends each plain term
 * twice: once boosted, which Lunr stems and Material leaves without a
 * wildcard, and once as typed, which Material turns into a prefix.
 *
 * Lunr's Swedish (Snowball) stemmer also leaves two common definite endings
 * alone: -an of words in -a ("dansbanan", "dansbana") and -et ("arbetet",
 * "arbete"). For those, the base forms are searched as well.
 *
 * Material marks a query term "Saknas" (missing) in a result when no word
 * matched in the page starts with the term as typed. A term found through its
 * stem ("feriearbete" -> "feriearbet") or typed in capitals was reported
 * missing on the very page that contains it. Each term's lower-case form and
 * stem, and the stems of its base forms, are therefore added to the query with boost 0 (they change no score,
 * they only name the forms that count), and in every result a typed term is
 * found when any of its forms is.
 *
 * With several follow-up years on the site, the same measure is found once
 * per year. Each result of a page in a year's folder (2022/...) is therefore
 * labelled with its year, shown by Material beside the page's own labels (a
 * measure's status, its "tags" in the index), and results that are the same
 * page in several years (the same number and title) come together, newest
 * first, where the best of them stood. The year is read from the address
 * every result has, so the index holds it once.
 *
 * It runs Material's own worker (named in the `material` parameter, and
 * loaded from this folder so that its relative paths to the Lunr language
 * files still hold) and only rewrites the query messages it receives and the
 * terms of the results it sends.
 */
"use strict"

const QUERY = 2 // SearchMessageType.QUERY in Material for MkDocs 9
const RESULT = 3 // SearchMessageType.RESULT

let materialListener = null
const addListener = self.addEventListener.bind(self)
self.addEventListener = (type, listener, options) => {
  if (type === "message" && materialListener === null) {
    materialListener = listener
  } else {
    addListener(type, listener, options)
  }
}

/* The typed terms of each query sent on, in order, each with the forms that count for it. */
const pendingForms = []
const post = self.postMessage.bind(self)
self.postMessage = (message, ...rest) => {
  if (message && message.type === RESULT && message.data && Array.isArray(message.data.items)) {
    const forms = pendingForms.shift()
    if (forms)
      for (const item of message.data.items)
        for (const document of item)
          if (document.terms)
            document.terms = foundTerms(document.terms, forms)
    message.data.items = newestFirst(message.data.items)
    for (const item of message.data.items)
      labelWithYear(item)
  }
  post(message, ...rest)
}

/* The follow-up year a result's page belongs to: its first folder, "2022/atgarder/5-4/" -> "2022". */
function yearOf(document) {
  const match = /^(\d{4})\//.exec(document.location)
  return match ? match[1] : null
}

/* A result's page (the entry of the item without an anchor), as Material picks it. */
function pageOf(item) {
  return item.find(document => !document.location.includes("#")) || item[0]
}

/* The page's year first among its labels; its sections (found on the same page) need none. */
function labelWithYear(item) {
  const page = pageOf(item)
  for (const document of item)
    if (document !== page)
      delete document.tags
  const year = yearOf(page)
  if (year)
    page.tags = [`Uppföljning ${year}`, ...(page.tags || [])]
}

/* Results of the same page in several years (same title, tags aside), newest first, where the best stood. */
function newestFirst(items) {
  const groups = new Map()
  for (const item of items) {
    const page = pageOf(item)
    const key = String(page.title).replace(/<[^>]*>/g, "").trim()
    if (!groups.has(key))
      groups.set(key, [])
    groups.get(key).push(item)
  }
  const byYear = (a, b) => Number(yearOf(pageOf(b)) || 0) - Number(yearOf(pageOf(a)) || 0)
  return [...groups.values()].flatMap(group => group.length > 1 ? [...group].sort(byYear) : group)
}

importScripts(new URLSearchParams(self.location.search).get("material"))

/* "dansbanan" -> ["dansbana"], "arbetet" -> ["arbete", "arbet"], "berga" -> [] */
function baseForms(term) {
  const forms = []
  if (/\p{L}{3,}an$/u.test(term))
    forms.push(term.slice(0, -1))
  if (/\p{L}{3,}et$/u.test(term))
    forms.push(term.slice(0, -1), term.slice(0, -2))
  return forms
}

/* Lunr's Swedish stem of a term, as the index holds it ("feriearbete" -> "feriearbet"). */
function stem(term) {
  try {
    return String(lunr.sv.stemmer(new lunr.Token(term, {})))
  } catch (error) {
    return term
  }
}

/* A query using Lunr's own syntax (quotes, +, -, ~, ^, *, field:) is left alone. */
function expandQuery(query) {
  const terms = query.trim().split(/\s+/).filter(Boolean)
  if (terms.some(term => /["*:~^]|^[+-]/.test(term)))
    return [query, null]
  const forms = new Map()
  const clauses = terms.map(term => {
    const lower = term.toLocaleLowerCase("sv")
    const bases = baseForms(term)
    const counted = [...new Set([term, lower, stem(lower), ...bases, ...bases.map(stem)])]
    const extra = counted.filter(form => form !== term && !bases.includes(form))
    forms.set(term, counted)
    return [`${term}^10`, term, ...bases.map(form => `${form}^5`), ...extra.map(form => `${form}^0`)].join(" ")
  })
  return [clauses.join(" "), forms]
}

/* Material's {term: found} for a result, keyed by the typed terms: found when any form of it is. */
function foundTerms(terms, forms) {
  const result = {}
  for (const [typed, variants] of forms) {
    const known = variants.filter(form => form in terms)
    if (known.length)
      result[typed] = known.some(form => terms[form])
  }
  return result
}

if (materialListener === null) {
  // Material's worker registered its handler some other way: it then answers
  // the messages itself, unchanged, and only inflected queries are weaker.
  self.addEventListener = addListener
  console.warn("sv-search: Material's search handler not found; queries are not expanded")
} else {
  addListener("message", event => {
    const message = event.data
    let data = message
    if (message.type === QUERY && typeof message.data === "string") {
      const [query, forms] = expandQuery(message.data)
      pendingForms.push(forms)
      data = { ...message, data: query }
    }
    materialListener({ data })
  })
}
