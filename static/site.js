// Small enhancements only; every page works without this script.
(function () {
  "use strict";
  // Ctrl/Cmd+Enter sends the claim form from its text box.
  document.querySelectorAll("textarea[name=claim]").forEach(function (box) {
    box.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && box.form) {
        event.preventDefault();
        box.form.submit();
      }
    });
  });
  // An example claim fills the text box (the link still works without JavaScript).
  document.querySelectorAll("a.example[data-claim]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      var box = document.getElementById("claim-text");
      if (!box) { return; }
      event.preventDefault();
      box.value = link.getAttribute("data-claim");
      box.form.submit();
    });
  });
})();
