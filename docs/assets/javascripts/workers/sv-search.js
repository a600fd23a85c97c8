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
  }
  post(message, ...rest)
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
