/* Click-to-load film players on ambassador profiles.
 *
 * The page itself loads nothing from YouTube or Vimeo. Only when the visitor presses the play
 * button is the player inserted, from youtube-nocookie.com or player.vimeo.com (the only frame
 * hosts the Content-Security-Policy allows). */
(function () {
  "use strict";

  function loadFilm(container) {
    var src = container.getAttribute("data-film-src");
    var url;
    try {
      url = new URL(src);
    } catch (e) {
      return;
    }
    if (url.protocol !== "https:" ||
        (url.hostname !== "www.youtube-nocookie.com" && url.hostname !== "player.vimeo.com")) {
      return;
    }
    url.searchParams.set("autoplay", "1");
    var frame = document.createElement("iframe");
    frame.src = url.toString();
    frame.title = container.getAttribute("data-film-title") || "";
    frame.setAttribute("allow", "autoplay; fullscreen; picture-in-picture");
    frame.setAttribute("allowfullscreen", "");
    // The site sends no referrer to other hosts; the players need to know which page embeds them.
    frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
    frame.className = "film-frame";
    container.replaceChildren(frame);
    container.classList.add("film-loaded");
    frame.focus();
  }

  function init() {
    var containers = document.querySelectorAll("[data-film-src]");
    Array.prototype.forEach.call(containers, function (container) {
      var button = container.querySelector(".film-load");
      if (button) {
        button.addEventListener("click", function () { loadFilm(container); });
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
