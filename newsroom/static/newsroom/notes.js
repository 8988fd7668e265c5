// Progressive enhancement for claim labels: a label opens its note right
// below the paragraph instead of jumping to the notes after the story.
// Without this script every label is a plain link to its note. One note is
// open at a time; opening another closes the first without moving the
// reader: the clicked label stays where it was on the screen.
(function () {
  "use strict";

  function close(label, panel, keepFocus) {
    panel.remove();
    label.setAttribute("aria-expanded", "false");
    label.removeAttribute("aria-controls");
    if (!keepFocus) {
      label.focus({ preventScroll: true });
    }
  }

  function closeOthers(current) {
    Array.prototype.forEach.call(
      document.querySelectorAll(".inline-note"),
      function (panel) {
        if (panel.id === "inline-note-" + current) {
          return;
        }
        var other = document.querySelector(
          'a.claim-label[aria-controls="' + panel.id + '"]'
        );
        if (other) {
          close(other, panel, true);
        } else {
          panel.remove();
        }
      }
    );
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var label = target.closest ? target.closest("a.claim-label") : null;
    if (!label) {
      return;
    }
    var id = label.getAttribute("data-claim");
    var note = document.getElementById("note-" + id);
    if (!note) {
      return;
    }
    event.preventDefault();
    var open = document.getElementById("inline-note-" + id);
    if (open) {
      close(label, open);
      return;
    }
    // Closing a note above the label would shift the page: measure the
    // label before and scroll back by what it moved.
    var before = label.getBoundingClientRect().top;
    closeOthers(id);
    var moved = label.getBoundingClientRect().top - before;
    if (moved) {
      window.scrollBy(0, moved);
    }
    var panel = document.createElement("aside");
    panel.id = "inline-note-" + id;
    panel.className = "inline-note " + note.className;
    panel.setAttribute("aria-label", "Note on the claim");
    panel.tabIndex = -1;
    Array.prototype.forEach.call(note.children, function (child) {
      if (!child.classList.contains("note-links")) {
        panel.appendChild(child.cloneNode(true));
      }
    });
    var links = note.querySelector(".note-links").cloneNode(true);
    var back = links.querySelector('a[href^="#label-"]');
    var button = document.createElement("button");
    button.type = "button";
    button.className = "inline-note-close";
    button.textContent = "Close note";
    button.addEventListener("click", function () {
      close(label, panel);
    });
    if (back) {
      back.replaceWith(button);
    } else {
      links.prepend(button);
    }
    panel.appendChild(links);
    panel.addEventListener("keydown", function (keyEvent) {
      if (keyEvent.key === "Escape") {
        close(label, panel);
      }
    });
    var block = label.closest(".story-body > *") || label.parentElement;
    block.after(panel);
    label.setAttribute("aria-expanded", "true");
    label.setAttribute("aria-controls", panel.id);
    panel.focus({ preventScroll: true });
  });

  // Says the labels now open notes in place: keys and clicks before this
  // follow the plain links.
  document.documentElement.setAttribute("data-notes", "ready");
})();
