// "Keep on this phone" (README, "Save for offline"): the box is rendered hidden and shown only
// where service workers and the Cache API work; the worker (/sw.js) keeps the pages. A kept page
// says when it was saved (a copy served offline says so), with Update and Remove; the offline
// page lists what is kept.
(function () {
  if (!("serviceWorker" in navigator) || !window.caches) return;
  var box = document.querySelector("[data-keep]");
  var list = document.querySelector("[data-kept-list]");
  var SAVED = "x-kept-on";
  var copy = document.documentElement.hasAttribute("data-kept-copy"); // set by the worker

  function day(iso) {
    return new Date(iso).toLocaleDateString(document.documentElement.lang, { dateStyle: "long" });
  }

  if (box) {
    var urls = box.dataset.keep.split(" ");
    var part = function (name) {
      return box.querySelector("[data-keep-" + name + "]");
    };
    var button = part("button");
    var status = part("status");
    var show = function () {
      return caches.match(urls[0], { ignoreVary: true }).then(function (kept) {
        var when = kept && kept.headers.get(SAVED);
        part("note").hidden = !when || copy;
        part("copy").hidden = !when || !copy;
        part("actions").hidden = !when;
        if (button) button.hidden = !!when;
        box.querySelectorAll("time").forEach(function (time) {
          time.dateTime = when;
          time.textContent = when ? day(when) : "";
        });
        box.hidden = !when && !button;
      });
    };
    var send = function (message, done) {
      status.textContent = "";
      navigator.serviceWorker
        .register(box.dataset.worker, { scope: "/" })
        .then(function () {
          return navigator.serviceWorker.ready;
        })
        .then(function (registration) {
          return new Promise(function (resolve) {
            var channel = new MessageChannel();
            channel.port1.onmessage = function (event) {
              resolve(event.data);
            };
            registration.active.postMessage(message, [channel.port2]);
          });
        })
        .then(function (ok) {
          if (ok && copy && message.keep) return location.reload();
          status.textContent = box.dataset[ok ? done : "failed"];
          return show();
        });
    };
    var keep = function () {
      send({ keep: urls, offline: box.dataset.offline }, "done");
    };
    if (button) button.addEventListener("click", keep);
    part("update").addEventListener("click", keep);
    part("forget").addEventListener("click", function () {
      send({ forget: urls }, "forgotten");
    });
    show();
  }

  if (list) {
    var site = " · " + document.querySelector(".site-name").textContent;
    caches.keys().then(function (names) {
      names.forEach(function (name) {
        if (name.indexOf("nbnet-offline-")) return;
        caches.open(name).then(function (cache) {
          cache.keys().then(function (requests) {
            requests.forEach(function (request) {
              cache.match(request).then(function (response) {
                if (!response.headers.has(SAVED) || response.headers.has("x-offline-page")) return;
                response.text().then(function (html) {
                  var item = document.createElement("li");
                  var link = document.createElement("a");
                  link.href = request.url;
                  link.textContent = new DOMParser().parseFromString(html, "text/html").title.split(site)[0];
                  item.append(link, " (" + day(response.headers.get(SAVED)) + ")");
                  list.append(item);
                  list.closest("[data-kept]").hidden = false;
                });
              });
            });
          });
        });
      });
    });
  }
})();
