/* The review workspace, enhanced: j/k move between claim cards, v/d/c/r run
   a card's action, a review is sent with fetch and the returned page's
   workspace swapped in, and an orphaned claim is re-attached to text
   selected in the body. Every form still works without this script. */
"use strict";

(() => {
  const ACTION_KEYS = { v: "verify", d: "dispute", c: "contextualize", r: "reopen" };
  // A decision on the selected card's first possible repeat.
  const REPEAT_KEYS = { s: "s", x: "x" };
  let workspace = null;

  function cards() {
    return Array.from(workspace.querySelectorAll(".desk-card"));
  }

  function selectedCard() {
    return workspace.querySelector(".desk-card.is-selected") || cards()[0] || null;
  }

  function announce(text) {
    const region = document.getElementById("desk-announce");
    if (region) {
      region.textContent = text;
    }
  }

  function select(card, { focus = true } = {}) {
    if (!card) {
      return;
    }
    for (const other of cards()) {
      other.classList.remove("is-selected");
      other.removeAttribute("aria-current");
    }
    for (const mark of workspace.querySelectorAll("mark.is-selected")) {
      mark.classList.remove("is-selected");
    }
    card.classList.add("is-selected");
    card.setAttribute("aria-current", "true");
    workspace.dataset.selected = card.dataset.claim;
    const marks = workspace.querySelectorAll(`mark[data-claim="${card.dataset.claim}"]`);
    for (const mark of marks) {
      mark.classList.add("is-selected");
    }
    if (marks.length) {
      marks[0].scrollIntoView({ block: "nearest" });
    }
    if (focus) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest" });
    }
    const title = card.querySelector("h3");
    announce(title ? title.textContent.replace(/\s+/g, " ").trim() : "");
  }

  function move(step) {
    const all = cards();
    const at = all.indexOf(selectedCard());
    const next = all[Math.min(all.length - 1, Math.max(0, at + step))];
    select(next);
  }

  // The field a review by `name` still needs on its form, with what to say;
  // null when it can be sent.
  function missing(form, name, byKey) {
    const note = form.elements.namedItem("note");
    const disputedBy = form.elements.namedItem("disputed_by");
    const then = byKey ? ", press Escape, then the letter again." : ", then press the button again.";
    if ((name === "dispute" || name === "contextualize") && !note.value.trim()) {
      return [note, `Write the note for readers${then}`];
    }
    if (name === "dispute" && !disputedBy.value.trim()) {
      return [disputedBy, `Say who disputes the claim${then}`];
    }
    return null;
  }

  function runAction(name) {
    const card = selectedCard();
    if (!card) {
      return;
    }
    const form = card.querySelector("form.desk-review");
    const button = form && form.querySelector(`button[value="${name}"]`);
    if (!button) {
      announce("That action is not available for this claim.");
      return;
    }
    const needed = missing(form, name, true);
    if (needed) {
      needed[0].focus();
      announce(needed[1]);
      return;
    }
    form.requestSubmit(button);
  }

  // A review form with something typed in it that was not sent.
  function unsent() {
    return Array.from(workspace.querySelectorAll("form.desk-review")).some((form) =>
      ["note", "disputed_by"].some((name) => {
        const field = form.elements.namedItem(name);
        return field && field.value !== field.defaultValue;
      }),
    );
  }

  function decideRepeat(key) {
    const card = selectedCard();
    const button = card && card.querySelector(`form.desk-repeat button[data-key="${key}"]`);
    if (!button) {
      announce("This claim has no possible repeat to decide on that way.");
      return;
    }
    button.form.requestSubmit(button);
  }

  async function send(form, submitter) {
    const body = new FormData(form, submitter);
    const suggestion = form.closest(".desk-suggestion");
    for (const button of form.querySelectorAll("button")) {
      button.disabled = true;
    }
    let response;
    try {
      // getAttribute: the buttons named "action" shadow form.action.
      response = await fetch(form.getAttribute("action"), {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
    } catch (error) {
      for (const button of form.querySelectorAll("button")) {
        button.disabled = false;
      }
      announce("The desk could not be reached; nothing was saved. Try again.");
      return;
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const fresh = page.getElementById("desk-workspace");
    if (!fresh) {
      // Not the workspace (a login page, an error page): show it as it is.
      window.location.assign(response.url);
      return;
    }
    const messages = document.getElementById("desk-messages");
    const freshMessages = page.getElementById("desk-messages");
    if (messages && freshMessages) {
      messages.innerHTML = freshMessages.innerHTML;
    }
    workspace.innerHTML = fresh.innerHTML;
    workspace.dataset.selected = fresh.dataset.selected;
    disableReattach();
    window.history.replaceState(null, "", response.url);
    const refused = suggestion && !response.ok && document.getElementById(suggestion.id);
    if (refused) {
      // The suggestion's card says why it was not accepted: go there.
      refused.focus();
      const problem = refused.querySelector(".errorlist, [role='alert']");
      announce(problem ? problem.textContent.trim() : "");
      return;
    }
    const target = workspace.querySelector(`.desk-card[data-claim="${fresh.dataset.selected}"]`);
    select(target);
    const alert = target && target.querySelector('[role="alert"]');
    if (alert) {
      announce(alert.textContent.trim());
    } else if (freshMessages) {
      announce(freshMessages.textContent.trim());
    }
  }

  // Until text is selected there is nothing to re-attach to.
  function disableReattach() {
    for (const button of workspace.querySelectorAll(".desk-reattach-button")) {
      button.disabled = true;
    }
  }

  function occurrenceAt(text, quote, offset) {
    let count = 0;
    let at = text.indexOf(quote);
    while (at !== -1 && at < offset) {
      count += 1;
      at = text.indexOf(quote, at + 1);
    }
    return count + 1;
  }

  // The body's text as the server counts it: the readers' labels after
  // reviewed claims, and the word after a suggestion, are not part of it.
  function bodyText(body, upTo) {
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".claim-label, .desk-suggested-label")) {
        continue;
      }
      if (upTo && node === upTo.node) {
        return text + node.data.slice(0, upTo.offset);
      }
      text += node.data;
    }
    return text;
  }

  function onSelection() {
    const body = document.getElementById("desk-body");
    const selection = document.getSelection();
    if (!body || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!body.contains(range.startContainer) || !body.contains(range.endContainer)) {
      return;
    }
    const raw = range.toString();
    const quote = raw.trim();
    if (!quote || range.startContainer.nodeType !== Node.TEXT_NODE) {
      return;
    }
    const before = bodyText(body, { node: range.startContainer, offset: range.startOffset });
    const offset = before.length + (raw.length - raw.trimStart().length);
    const occurrence = occurrenceAt(bodyText(body), quote, offset);
    for (const form of workspace.querySelectorAll("form.desk-reattach")) {
      form.elements.namedItem("quote").value = quote;
      form.elements.namedItem("occurrence").value = String(occurrence);
      form.querySelector(".desk-reattach-button").disabled = false;
      form.querySelector(".desk-selection").textContent =
        `Selected: “${quote.length > 80 ? `${quote.slice(0, 80)}…` : quote}”. Re-attach the claim to it.`;
    }
  }

  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const field = event.target.closest && event.target.closest("input, textarea, select");
    if (field) {
      if (event.key === "Escape") {
        field.blur();
        const card = field.closest(".desk-card");
        if (card) {
          card.focus();
        }
      }
      return;
    }
    if (event.key === "j") {
      move(1);
    } else if (event.key === "k") {
      move(-1);
    } else if (ACTION_KEYS[event.key]) {
      runAction(ACTION_KEYS[event.key]);
    } else if (REPEAT_KEYS[event.key]) {
      decideRepeat(REPEAT_KEYS[event.key]);
    } else {
      return;
    }
    event.preventDefault();
  }

  document.addEventListener("DOMContentLoaded", () => {
    workspace = document.getElementById("desk-workspace");
    if (!workspace) {
      return;
    }
    const region = document.createElement("p");
    region.id = "desk-announce";
    region.className = "visually-hidden";
    region.setAttribute("aria-live", "polite");
    document.body.append(region);
    disableReattach();
    workspace.classList.add("desk-enhanced");
    workspace.addEventListener("submit", (event) => {
      const form = event.target;
      const card = form.closest(".desk-card");
      const name = event.submitter && event.submitter.value;
      const needed = form.matches("form.desk-review") && missing(form, name, false);
      if (needed) {
        // Acted on from its own card, selected or not: that card, and what
        // it still needs, rather than a refused post.
        event.preventDefault();
        select(card, { focus: false });
        needed[0].focus();
        announce(needed[1]);
        return;
      }
      if (
        form.matches(
          "form.desk-review, form.desk-reattach, form.desk-suggestion-accept, form.desk-suggestion-reject, form.desk-repeat, form.desk-leave",
        )
      ) {
        event.preventDefault();
        send(form, event.submitter);
      }
    });
    workspace.addEventListener("click", (event) => {
      const mark = event.target.closest("mark[data-claim]");
      if (mark) {
        select(workspace.querySelector(`.desk-card[data-claim="${mark.dataset.claim}"]`));
      } else {
        const card = event.target.closest(".desk-card");
        if (card && !card.classList.contains("is-selected")) {
          select(card, { focus: false });
        }
      }
    });
    // A note typed and not sent is lost with the page: the browser asks first.
    window.addEventListener("beforeunload", (event) => {
      if (unsent()) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    document.addEventListener("keydown", onKey);
    document.addEventListener("selectionchange", onSelection);
    select(selectedCard(), { focus: false });
  });
})();
