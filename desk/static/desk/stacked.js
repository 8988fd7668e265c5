/* On a phone a wide table's rows are stacked, each cell under its column's
   name: the script copies every column heading onto its cells (data-label)
   and marks the table, and desk.css stacks marked tables below 768 px.
   Without the script the table scrolls sideways in its box. */
"use strict";

(() => {
  const TABLES = "#result_list, #claims-group table, #events-group table, #revisions-group table";

  function headings(table) {
    const names = [];
    for (const th of table.querySelectorAll("thead tr:first-child > th")) {
      const text = th.textContent.replace(/\s+/g, " ").trim();
      const name = text.charAt(0).toUpperCase() + text.slice(1);
      for (let i = 0; i < (th.colSpan || 1); i += 1) {
        names.push(name);
      }
    }
    return names;
  }

  document.addEventListener("DOMContentLoaded", () => {
    for (const table of document.querySelectorAll(TABLES)) {
      const names = headings(table);
      for (const row of table.querySelectorAll("tbody > tr")) {
        let column = 0;
        for (const cell of row.children) {
          const name = names[column];
          if (name && !cell.classList.contains("original")) {
            cell.dataset.label = name;
          }
          column += cell.colSpan || 1;
        }
      }
      table.classList.add("desk-stacked");
    }
  });
})();
