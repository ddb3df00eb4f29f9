// Search page (issue #17 item 2), progressive enhancement: the page works without it.
// - The facets are open beside the results on wide screens, folded under them on phones.
// - "More portals…" gets a type-ahead that narrows the list as you type.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 768px)");
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    if (wide.matches) details.open = true;
  });
  document.querySelectorAll("[data-facet-filter]").forEach(function (holder) {
    var input = holder.querySelector("input");
    var items = holder.parentNode.querySelectorAll("li");
    holder.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value);
      items.forEach(function (item) {
        item.hidden = wanted !== "" && fold(item.textContent).indexOf(wanted) === -1;
      });
    });
  });
  function fold(text) {
    // "tien du" finds "Tiên Du": diacritics dropped, đ -> d, as the server's search does.
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().trim();
  }
})();
