// Small improvements on top of pages that work without JavaScript (no inline script: CSP).
(function () {
  "use strict";

  // After "Mark as complete" the page opens at #lesson-status: put the focus there, so a
  // screen reader announces the outcome and a phone shows it where the learner is looking.
  var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.hasAttribute("data-focus-on-arrival")) {
    target.focus();
  }

  // The certificate's Print button exists only where printing from script works.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
