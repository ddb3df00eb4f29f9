// Issue #19 item 3: a search box above a long list of agencies ("Chuyển đến"): typing
// part of a name, with or without diacritics, keeps only the matching agencies.
(function () {
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }
  document.querySelectorAll("select[data-qa-searchable]").forEach(function (select) {
    var box = document.createElement("input");
    box.type = "search";
    box.className = "qa-select-search";
    box.placeholder = select.dataset.qaSearchPlaceholder || "";
    box.setAttribute("aria-label", select.dataset.qaSearchPlaceholder || "");
    box.setAttribute("aria-controls", select.id);
    select.parentNode.insertBefore(box, select);
    select.size = 10;
    box.addEventListener("input", function () {
      var query = fold(box.value.trim());
      select.querySelectorAll("optgroup").forEach(function (group) {
        var shown = 0;
        group.querySelectorAll("option").forEach(function (option) {
          var match = !query || fold(option.textContent).indexOf(query) !== -1;
          option.hidden = !match;
          if (match) shown += 1;
        });
        group.hidden = shown === 0;
      });
    });
  });
})();
