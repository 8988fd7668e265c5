/* Fill the "create a claim from the preview" form from a text selection.
   The quote is the selected text; the occurrence is how many times the same
   text starts earlier in the preview, plus one, so the server places the
   claim exactly as create_claim does from a quote and an occurrence. */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const preview = document.getElementById("claim-preview");
  const form = document.getElementById("claim-from-selection");
  if (!preview || !form) {
    return;
  }
  const quote = form.elements.namedItem("quote");
  const occurrence = form.elements.namedItem("occurrence");

  function occurrenceAt(text, quote, offset) {
    let count = 0;
    let at = text.indexOf(quote);
    while (at !== -1 && at < offset) {
      count += 1;
      at = text.indexOf(quote, at + 1);
    }
    return count + 1;
  }

  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!preview.contains(range.startContainer) || !preview.contains(range.endContainer)) {
      return;
    }
    const raw = range.toString();
    const text = raw.trim();
    if (!text) {
      return;
    }
    const before = document.createRange();
    before.setStart(preview, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const offset = before.toString().length + (raw.length - raw.trimStart().length);
    quote.value = text;
    occurrence.value = String(occurrenceAt(preview.textContent, text, offset));
  });
  // Selections made from now on fill the form (browser tests wait for this).
  preview.dataset.selection = "ready";
});
