/* Accessible names for admin controls that Django and the libraries it uses render without one
   (WCAG 4.1.2): the autocomplete boxes (select2), the rich-text editor, the inputs of tabular
   inlines and of editable changelists (only a column heading names them), and the help icons of
   the two-box selector. Run once the admin's own scripts have built the widgets, and again for
   each inline row added. */
(function () {
  "use strict";

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "";
  }

  function labelFor(id) {
    return id ? text(document.querySelector('label[for="' + CSS.escape(id) + '"]')) : "";
  }

  function hasName(control) {
    return control.labels && control.labels.length ||
      control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby");
  }

  /* In a table (tabular inline, editable changelist) the heading of the control's column names
     it; the row's first cell says which row. */
  function columnName(control) {
    var cell = control.closest("td");
    var table = control.closest("table");
    if (!cell || !table) return "";
    var field = Array.prototype.find.call(cell.classList, function (name) { return name.indexOf("field-") === 0; });
    var heading = field ? table.querySelector("thead th.column-" + CSS.escape(field.slice(6))) : null;
    if (!heading) {
      var headings = table.querySelectorAll("thead th");
      heading = headings[Array.prototype.indexOf.call(cell.parentNode.children, cell)];
    }
    var name = text(heading);
    var row = cell.parentNode.querySelector("th, td.original p");
    var rowName = row && row !== cell ? text(row) : "";
    return rowName ? name + ", " + rowName : name;
  }

  function nameControls(root) {
    root.querySelectorAll("table input:not([type=hidden]), table select, table textarea").forEach(function (control) {
      if (!hasName(control)) {
        var name = columnName(control);
        if (name) control.setAttribute("aria-label", name);
      }
    });
    root.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var box = select.nextElementSibling;
      if (!box || !box.classList.contains("select2")) return;
      var name = labelFor(select.id) || select.getAttribute("aria-label") || columnName(select);
      if (!name) return;
      var apply = function () {
        box.querySelectorAll('[role="combobox"], [role="textbox"], .select2-search__field').forEach(function (part) {
          if (part.getAttribute("aria-label") !== name) part.setAttribute("aria-label", name);
        });
        // select2 puts its "clear all" cross straight into the list of choices, where only list
        // items may be; it works as well just before the list.
        var clear = box.querySelector("ul > .select2-selection__clear");
        if (clear) {
          var list = clear.parentNode;
          var moved = list.parentNode.querySelector(":scope > .select2-selection__clear");
          if (moved) moved.remove();
          list.parentNode.insertBefore(clear, list);
        }
      };
      apply();
      if (!box.dataset.named) {
        // select2 builds the search field of a multiple choice anew after each change.
        box.dataset.named = "true";
        new MutationObserver(apply).observe(box, {childList: true, subtree: true});
      }
    });
    root.querySelectorAll('[contenteditable="true"]').forEach(function (editor) {
      if (editor.hasAttribute("aria-label")) return;
      var wrapper = editor.closest(".form-row, .fieldBox, td");
      var source = wrapper ? wrapper.querySelector("textarea") : null;
      var name = source ? labelFor(source.id) : "";
      if (name) {
        editor.setAttribute("aria-label", name);
        editor.setAttribute("aria-multiline", "true");
      }
    });
    // An aria-label needs a role to be allowed on a span.
    root.querySelectorAll(".help-tooltip[aria-label]:not([role])").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function later(root) {
    // After the admin's own ready-handlers (select2, the editor, the two-box selector) have run.
    window.setTimeout(function () { nameControls(root); }, 0);
  }

  document.addEventListener("DOMContentLoaded", function () { later(document); });
  window.addEventListener("load", function () { nameControls(document); });
  document.addEventListener("formset:added", function (event) { later(event.target); });
})();
