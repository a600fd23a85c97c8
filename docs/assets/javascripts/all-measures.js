/*
 * Filters and column sorting for the "Alla åtgärder" table.
 *
 * The page works without this script: the whole table and its tally are in
 * the HTML, and the filter form stays hidden. With it, the form appears, rows
 * are shown or hidden as filters change, the count and tally follow, and the
 * chosen filters are kept in the address so that a filtered view can be
 * bookmarked or sent on. Row attributes are written by
 * actionplan/render/all_measures.py.
 */
(function () {
  "use strict"

  const form = document.getElementById("ap-filters")
  const table = document.getElementById("ap-all-measures")
  const count = document.getElementById("ap-count")
  if (!form || !table || !count)
    return

  const rows = Array.from(table.tBodies[0].rows)
  const controls = Array.from(form.querySelectorAll("[data-filter]"))
  const statuses = JSON.parse(count.dataset.statuses)
  const MULTI_VALUED = new Set(["districts", "responsible"])
  const SEPARATOR = "|"
  const collator = new Intl.Collator("sv", { numeric: true, sensitivity: "base" })

  function datasetKey(name) {
    return name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase())
  }

  function matches(row, name, value) {
    if (!value)
      return true
    if (name === "text") {
      const words = value.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean)
      return words.every(word => row.dataset.text.includes(word))
    }
    const cell = row.dataset[datasetKey(name)]
    return MULTI_VALUED.has(name) ? cell.split(SEPARATOR).includes(value) : cell === value
  }

  function apply() {
    const active = controls.map(control => [control.dataset.filter, control.value.trim()])
    const tally = Object.fromEntries(statuses.map(([key]) => [key, 0]))
    let shown = 0
    for (const row of rows) {
      const visible = active.every(([name, value]) => matches(row, name, value))
      row.hidden = !visible
      if (visible) {
        shown += 1
        tally[row.dataset.status] += 1
      }
    }
    const figures = statuses.map(([key, label]) => `${label}: ${tally[key]}`).join(", ")
    count.textContent = `Visar ${shown} av ${rows.length} åtgärder. ${figures}.`
    remember(active)
  }

  function remember(active) {
    const url = new URL(window.location.href)
    for (const [name, value] of active) {
      if (value)
        url.searchParams.set(name, value)
      else
        url.searchParams.delete(name)
    }
    window.history.replaceState(null, "", url)
  }

  function restore() {
    const params = new URL(window.location.href).searchParams
    for (const control of controls) {
      const value = params.get(control.dataset.filter)
      if (value !== null)
        control.value = value
    }
  }

  function makeSortable() {
    const headers = Array.from(table.tHead.rows[0].cells)
    headers.forEach((header, column) => {
      const button = document.createElement("button")
      button.type = "button"
      button.className = "ap-sort"
      button.textContent = header.textContent
      button.title = `Sortera efter ${header.textContent.toLocaleLowerCase("sv")}`
      header.textContent = ""
      header.appendChild(button)
      header.setAttribute("aria-sort", column === 0 ? "ascending" : "none")
      button.addEventListener("click", () => {
        const ascending = header.getAttribute("aria-sort") !== "ascending"
        for (const other of headers)
          other.setAttribute("aria-sort", "none")
        header.setAttribute("aria-sort", ascending ? "ascending" : "descending")
        sortBy(column, ascending)
      })
    })
  }

  function sortBy(column, ascending) {
    const direction = ascending ? 1 : -1
    const key = row => row.cells[column].dataset.sort
    const sorted = [...rows].sort((a, b) => direction * collator.compare(key(a), key(b)))
    table.tBodies[0].append(...sorted)
  }

  form.hidden = false
  restore()
  makeSortable()
  form.addEventListener("input", apply)
  form.addEventListener("submit", event => event.preventDefault())
  form.addEventListener("reset", () => window.setTimeout(apply))
  apply()
})()
