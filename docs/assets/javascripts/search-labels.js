/*
 * Search results' labels are a line of text, not navigation.
 *
 * Material shows a result's tags (here: its follow-up year, a measure's
 * status; see workers/sv-search.js) in a <nav> of their own inside the
 * result's link: one navigation landmark per result, none of them named,
 * which screen readers list among the page's landmarks and axe-core reports
 * (landmark-unique). Each such <nav> gets role="none" as Material renders it,
 * so the labels are read as part of the result. Without this script the
 * results still work; only the landmark list is longer.
 */
(function () {
  "use strict"

  const list = document.querySelector(".md-search-result__list")
  if (!list)
    return

  function unlandmark() {
    for (const nav of list.querySelectorAll("nav.md-tags:not([role])"))
      nav.setAttribute("role", "none")
  }

  new MutationObserver(unlandmark).observe(list, { childList: true, subtree: true })
  unlandmark()
})()
