/* A box that scrolls sideways (a wide table of inlines on a phone, the
   article preview) must be reachable by keyboard to be scrolled: give it a
   tab stop and a name, only while it actually scrolls. */
"use strict";

(() => {
  function label(box) {
    const owner = box.closest("fieldset, .module, .form-row");
    const heading = owner && owner.querySelector("h2, legend, label");
    return heading ? heading.textContent.trim() : "Scrollable area";
  }

  function update() {
    for (const box of document.querySelectorAll("#content-main .wrapper, #claim-preview")) {
      const scrolls = box.scrollWidth > box.clientWidth || box.scrollHeight > box.clientHeight;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", label(box));
        box.dataset.deskScrollable = "";
      } else if (!scrolls && "deskScrollable" in box.dataset) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.deskScrollable;
      }
    }
  }

  document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
})();
