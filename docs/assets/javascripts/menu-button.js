/*
 * A real button for Material's side menu on narrow screens.
 *
 * Material opens the menu with a <label> for a hidden checkbox (#__drawer):
 * a label cannot take keyboard focus, so without a mouse the menu never
 * opens. With this script the label gives way to a button that Tab reaches,
 * says whether the menu is open (aria-expanded), moves focus into the menu
 * when it opens and back to itself when Escape closes it. Without the
 * script the label still works for pointer users.
 */
(function () {
  "use strict"

  const toggle = document.getElementById("__drawer")
  const label = document.querySelector('.md-header label[for="__drawer"]')
  const menu = document.querySelector(".md-sidebar--primary")
  if (!toggle || !label || !menu)
    return

  const button = document.createElement("button")
  button.type = "button"
  button.className = "md-header__button md-icon ap-menu-button"
  button.setAttribute("aria-label", "Meny")
  button.innerHTML = label.innerHTML
  menu.id = menu.id || "__drawer-menu"
  button.setAttribute("aria-controls", menu.id)
  label.hidden = true
  label.after(button)

  function setOpen(open) {
    if (toggle.checked !== open) {
      toggle.checked = open
      // Material follows the checkbox through its change event (overlay, scroll lock).
      toggle.dispatchEvent(new Event("change"))
    }
    button.setAttribute("aria-expanded", String(open))
  }

  button.addEventListener("click", () => {
    setOpen(!toggle.checked)
    if (toggle.checked) {
      const first = menu.querySelector("a[href], label[tabindex], [tabindex='0']")
      // The menu becomes visible when its transition starts (see atgardsplan.css).
      window.requestAnimationFrame(() => first && first.focus())
    }
  })
  toggle.addEventListener("change", () => button.setAttribute("aria-expanded", String(toggle.checked)))
  document.addEventListener("keydown", event => {
    if (event.key === "Escape" && toggle.checked) {
      setOpen(false)
      button.focus()
    }
  })
  button.setAttribute("aria-expanded", String(toggle.checked))
})()
