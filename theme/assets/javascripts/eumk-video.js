/* eumk video player: chapter buttons seek their video and the playing chapter is marked.
   Plain JavaScript, no network: works from file:// and with Material's instant navigation
   (listeners sit on the document, so swapped pages need no set-up). */
(function () {
  "use strict";

  function videoOf(element) {
    var figure = element.closest("[data-eumk-video]");
    return figure ? figure.querySelector("video") : null;
  }

  function seek(video, seconds) {
    video.currentTime = seconds;
    var playing = video.play();
    if (playing && typeof playing.catch === "function") {
      playing.catch(function () { /* autoplay refused: the position is still set */ });
    }
  }

  function markChapter(video) {
    var figure = video.closest("[data-eumk-video]");
    if (!figure) return;
    var buttons = figure.querySelectorAll("[data-eumk-seek]");
    var current = null;
    for (var i = 0; i < buttons.length; i++) {
      if (parseFloat(buttons[i].getAttribute("data-eumk-seek")) <= video.currentTime + 0.25) {
        current = buttons[i];
      }
    }
    for (var j = 0; j < buttons.length; j++) {
      if (buttons[j] === current) buttons[j].setAttribute("aria-current", "true");
      else buttons[j].removeAttribute("aria-current");
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-eumk-seek]") : null;
    if (!button) return;
    var video = videoOf(button);
    if (!video) return;
    event.preventDefault();
    seek(video, parseFloat(button.getAttribute("data-eumk-seek")) || 0);
    markChapter(video);
  });

  // Media events do not bubble: listen in the capture phase.
  ["timeupdate", "seeked"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target instanceof HTMLMediaElement) markChapter(event.target);
    }, true);
  });
})();
