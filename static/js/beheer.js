// The Django admin's widgets, named for screen readers (WCAG 2.1: 1.3.1, 4.1.2), where Django
// and select2 leave a control without a name. Loaded by templates/admin/base_site.html (the
// CSP allows scripts from 'self' only). Runs when the page is read and again whenever the admin's
// own scripts add widgets (select2 boxes, two-list pickers, a new inline row).
(function () {
  "use strict";

  const text = (element) => (element ? element.textContent.replace(/\s+/g, " ").replace(/[:*?]\s*$/, "").trim() : "");

  function labelOf(control) {
    if (!control || !control.id) return null;
    return document.querySelector(`label[for="${CSS.escape(control.id)}"]`);
  }

  function hasName(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) return true;
    if (control.closest("label")) return true;
    const label = labelOf(control);
    return Boolean(label && text(label));
  }

  // The <select> a select2 box stands for: the box follows it.
  function selectOf(container) {
    const before = container && container.previousElementSibling;
    return before && before.tagName === "SELECT" ? before : null;
  }

  // select2's box (role="combobox") is named by the chosen value only: nothing when empty.
  function nameSelect2Boxes(root) {
    root.querySelectorAll(".select2-container .select2-selection[role='combobox']").forEach((box) => {
      if (box.dataset.wijkNamed) return;
      const label = labelOf(selectOf(box.closest(".select2-container")));
      if (!label) return;
      if (!label.id) label.id = `${label.htmlFor}_label`;
      const rest = box.getAttribute("aria-labelledby");
      box.setAttribute("aria-labelledby", rest ? `${label.id} ${rest}` : label.id);
      // The chosen value inside (role="textbox"): the field's name and the value.
      const shown = box.querySelector(".select2-selection__rendered[id]");
      if (shown) shown.setAttribute("aria-labelledby", `${label.id} ${shown.id}`);
      box.dataset.wijkNamed = "1";
    });
    // The search field in the box (several values) or in its open list.
    root.querySelectorAll("input.select2-search__field:not([aria-label])").forEach((input) => {
      const controls = input.getAttribute("aria-controls") || "";
      const match = controls.match(/^select2-(.+)-results$/);
      const select = match ? document.getElementById(match[1]) : selectOf(input.closest(".select2-container"));
      // The field's label, or in a tabular inline its column's header.
      const cell = select && select.closest("td");
      const name = text(labelOf(select)) || (cell ? columnHeader(cell) : "");
      input.setAttribute("aria-label", name ? `${name}: zoeken` : "Zoeken");
    });
  }

  // The two-list picker's search labels hold an icon with aria-label, which a <span> may not
  // have (axe: aria-prohibited-attr): as an image, its name is the label's text.
  function nameHelpIcons(root) {
    root.querySelectorAll("span.help-tooltip[aria-label]:not([role])").forEach((icon) => {
      icon.setAttribute("role", "img");
    });
  }

  // The header of the column a table cell is in (colspans counted).
  function columnHeader(cell) {
    const table = cell.closest("table");
    if (!table || !table.tHead || !table.tHead.rows.length) return "";
    let position = 0;
    for (const before of cell.parentElement.cells) {
      if (before === cell) break;
      position += before.colSpan;
    }
    let start = 0;
    for (const header of table.tHead.rows[0].cells) {
      if (position < start + header.colSpan) return text(header);
      start += header.colSpan;
    }
    return "";
  }

  // Controls in a table (the list's editable columns, a tabular inline's rows) are named by
  // their column and their row; a date and time pair by its field and its part.
  function nameUnlabelledControls(root) {
    const controls = root.querySelectorAll(
      "input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea"
    );
    controls.forEach((control) => {
      if (control.classList.contains("select2-search__field") || hasName(control)) return;
      if (control.name && control.name.includes("__prefix__")) return;
      const cell = control.closest("td");
      let name = "";
      if (cell) {
        const row = cell.parentElement;
        const rowName =
          text(row.querySelector("th")) ||
          (row.id ? row.id.replace(/^.*-(\d+)$/, (m, n) => `${Number(n) + 1}`) : "");
        name = [columnHeader(cell), rowName].filter(Boolean).join(", ");
      } else {
        const rowBox = control.closest(".form-row, .fieldBox");
        const field = rowBox ? text(rowBox.querySelector("label")) : "";
        let part = "";
        for (let node = control.previousSibling; node; node = node.previousSibling) {
          if (node.nodeType === Node.TEXT_NODE && node.textContent.trim()) {
            part = node.textContent.replace(/[:\s]+$/, "").trim();
            break;
          }
          if (node.nodeType === Node.ELEMENT_NODE && node.tagName !== "BR") break;
        }
        name = [field, part].filter(Boolean).join(", ");
      }
      if (name) control.setAttribute("aria-label", name);
    });
  }

  // A tabular inline scrolls sideways on a phone: it can be reached by keyboard.
  function focusableScrollBoxes(root) {
    root.querySelectorAll(".inline-group").forEach((group) => {
      if (group.hasAttribute("tabindex") || !group.querySelector(".tabular, table")) return;
      group.setAttribute("tabindex", "0");
      group.setAttribute("role", "region");
      const heading = group.querySelector("h2");
      if (heading) group.setAttribute("aria-label", text(heading));
    });
  }

  function fix() {
    nameSelect2Boxes(document);
    nameHelpIcons(document);
    nameUnlabelledControls(document);
    focusableScrollBoxes(document);
  }

  let pending = false;
  function later() {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      fix();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    fix();
    new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
  });
  window.addEventListener("load", fix);
})();
