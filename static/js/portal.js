/* Progressive enhancement of the portal chrome (issue #17); every page works without it.
   - The menu (<details data-menu>) is open from 768 px on, so that browsers without
     the CSS ::details-content selector show it too; under 768 px it starts folded.
   - [data-print] buttons print the page (Nghị định 42/2022, Điều 7). */
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 768px)");
  function sync() {
    var menus = document.querySelectorAll("details[data-menu]");
    for (var i = 0; i < menus.length; i++) menus[i].open = wide.matches;
  }
  function ready() {
    sync();
    if (wide.addEventListener) wide.addEventListener("change", sync);
    var buttons = document.querySelectorAll("[data-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
