/* Search suggestions as you type: progressive enhancement of the header search box.
   Without JavaScript the box is an ordinary form; with it, a <datalist> offers titles. */
(function () {
  "use strict";
  var input = document.getElementById("site-search");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("datalist");
  list.id = "site-search-suggestions";
  input.setAttribute("list", list.id);
  input.setAttribute("autocomplete", "off");
  input.parentNode.appendChild(list);
  var language = document.documentElement.lang || "en";
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2 || query === last) { return; }
    timer = window.setTimeout(function () {
      last = query;
      fetch("/api/search/suggest/?lang=" + encodeURIComponent(language) + "&q=" + encodeURIComponent(query))
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.suggestions.forEach(function (title) {
            var option = document.createElement("option");
            option.value = title;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are optional */ });
    }, 200);
  });
}());
