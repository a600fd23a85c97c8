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
 * It runs Material's own worker (named in the `material` parameter, and
 * loaded from this folder so that its relative paths to the Lunr language
 * files still hold) and only rewrites the query messages it receives.
 */
"use strict"

const QUERY = 2 // SearchMessageType.QUERY in Material for MkDocs 9

let materialListener = null
const addListener = self.addEventListener.bind(self)
self.addEventListener = (type, listener, options) => {
  if (type === "message" && materialListener === null) {
    materialListener = listener
  } else {
    addListener(type, listener, options)
  }
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

/* A query using Lunr's own syntax (quotes, +, -, ~, ^, *, field:) is left alone. */
function expandQuery(query) {
  const terms = query.trim().split(/\s+/).filter(Boolean)
  if (terms.some(term => /["*:~^]|^[+-]/.test(term)))
    return query
  return terms
    .map(term => [`${term}^10`, term, ...baseForms(term).map(form => `${form}^5`)].join(" "))
    .join(" ")
}

if (materialListener === null) {
  // Material's worker registered its handler some other way: it then answers
  // the messages itself, unchanged, and only inflected queries are weaker.
  self.addEventListener = addListener
  console.warn("sv-search: Material's search handler not found; queries are not expanded")
} else {
  addListener("message", event => {
    const message = event.data
    const data = message.type === QUERY && typeof message.data === "string"
      ? { ...message, data: expandQuery(message.data) }
      : message
    materialListener({ data })
  })
}
