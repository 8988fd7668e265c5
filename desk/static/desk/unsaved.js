/* Nothing typed is lost on an admin change form.
   The browser warns before leaving the page with unsaved changes. Another
   form sent from the page (a claim from a selection, a hand-over step)
   keeps the unsaved fields in this tab's sessionStorage, and the page puts
   them back when it comes back, saying so. */
"use strict";

(() => {
  const SKIPPED = new Set(["hidden", "file", "submit", "button", "reset", "password", "image"]);

  function fieldsOf(form) {
    return Array.from(form.elements).filter(
      (el) => el.name && !SKIPPED.has(el.type) && el.name !== "csrfmiddlewaretoken" && el.form === form,
    );
  }

  function valuesOf(form) {
    const values = {};
    for (const el of fieldsOf(form)) {
      if (el.type === "checkbox" || el.type === "radio") {
        values[`${el.name}=${el.value}`] = el.checked;
      } else if (el.type === "select-multiple") {
        values[el.name] = Array.from(el.selectedOptions, (o) => o.value);
      } else {
        values[el.name] = el.value;
      }
    }
    return values;
  }

  function restore(form, values) {
    for (const el of fieldsOf(form)) {
      if (el.type === "checkbox" || el.type === "radio") {
        const key = `${el.name}=${el.value}`;
        if (key in values) {
          el.checked = values[key];
        }
      } else if (el.type === "select-multiple") {
        if (el.name in values) {
          for (const option of el.options) {
            option.selected = values[el.name].includes(option.value);
          }
        }
      } else if (el.name in values) {
        el.value = values[el.name];
      }
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("#content-main form[id$='_form']");
    if (!form) {
      return;
    }
    const key = `desk-unsaved:${window.location.pathname}`;
    const initial = JSON.stringify(valuesOf(form));
    let leaving = false;
    const changed = () => JSON.stringify(valuesOf(form)) !== initial;

    const kept = window.sessionStorage.getItem(key);
    if (kept) {
      window.sessionStorage.removeItem(key);
      restore(form, JSON.parse(kept));
      if (changed()) {
        const notice = document.createElement("p");
        notice.className = "desk-kept";
        notice.setAttribute("role", "status");
        notice.textContent = "Your unsaved edits are still here: save the article to keep them.";
        form.before(notice);
      }
    }

    form.addEventListener("submit", () => {
      leaving = true;
      window.sessionStorage.removeItem(key);
    });
    // Another form of the page is sent: keep this one's edits for the return.
    document.addEventListener("submit", (event) => {
      if (event.target !== form && changed()) {
        window.sessionStorage.setItem(key, JSON.stringify(valuesOf(form)));
        leaving = true;
      }
    });
    window.addEventListener("beforeunload", (event) => {
      if (!leaving && changed()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    // A submission that did not leave (a refused fetch, a cancelled dialog).
    window.addEventListener("pageshow", () => {
      leaving = false;
    });
  });
})();
