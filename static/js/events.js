// Small enhancements for the events pages; everything works without them.
(function () {
  "use strict";
  // Print buttons are hidden until this script runs, since they need it.
  document.querySelectorAll("[data-print][hidden]").forEach(function (button) {
    button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
  document.addEventListener("focus", function (event) {
    // Select the whole calendar address when it gets focus, ready to copy.
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) {
      event.target.select();
    }
  }, true);
})();
