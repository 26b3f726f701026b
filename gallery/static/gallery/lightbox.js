/* An accessible lightbox for album pages, on the native <dialog>.
   Without JavaScript each thumbnail simply links to the large photo.
   Keys: Left/Right arrows change photo, Escape closes; on closing, focus
   returns to the thumbnail that opened the lightbox. */
(function () {
  "use strict";
  var dialog = document.querySelector(".lightbox");
  var links = Array.prototype.slice.call(document.querySelectorAll(".album-grid__link"));
  if (!dialog || !links.length || typeof dialog.showModal !== "function") return;

  var image = dialog.querySelector(".lightbox__image");
  var caption = dialog.querySelector(".lightbox__caption");
  var counter = dialog.querySelector(".lightbox__counter");
  var counterText = dialog.getAttribute("data-counter-text");
  var current = 0;
  var opener = null;

  function show(index) {
    current = (index + links.length) % links.length;
    var link = links[current];
    var thumb = link.querySelector("img");
    var figcaption = link.parentNode.querySelector("figcaption");
    image.src = link.href;
    image.alt = thumb ? thumb.alt : "";
    image.width = parseInt(link.getAttribute("data-full-width"), 10) || 0;
    image.height = parseInt(link.getAttribute("data-full-height"), 10) || 0;
    caption.textContent = figcaption ? figcaption.textContent : "";
    counter.textContent = counterText.replace("{number}", current + 1).replace("{total}", links.length);
  }

  links.forEach(function (link, index) {
    link.addEventListener("click", function (event) {
      if (event.ctrlKey || event.metaKey || event.shiftKey) return; // let "open in new tab" work
      event.preventDefault();
      opener = link;
      show(index);
      dialog.showModal();
      dialog.querySelector(".lightbox__close").focus();
    });
  });

  dialog.querySelector(".lightbox__prev").addEventListener("click", function () { show(current - 1); });
  dialog.querySelector(".lightbox__next").addEventListener("click", function () { show(current + 1); });
  dialog.querySelector(".lightbox__close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
    else if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
  });
  // A click on the dark backdrop (the dialog itself, not its content) closes it.
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog || event.target.classList.contains("lightbox__frame")) dialog.close();
  });
  // Escape triggers "cancel" then "close"; every way of closing ends here.
  dialog.addEventListener("close", function () {
    image.src = "data:,";
    if (opener) opener.focus();
  });
})();
