// Lesson discussions without a page reload. The forms work without this script (they post
// and come back to the comment); with it, they post with fetch and the answer, the new
// comment's HTML or the refusal's words, is put in place. No inline script: CSP.
(function () {
  "use strict";

  var section = document.getElementById("discussion");
  if (!section || !window.fetch) {
    return;
  }
  var template = document.getElementById("reply-form-template");

  function say(form, text, isError) {
    var status = form.querySelector("[data-form-status]");
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function insert(form, answer) {
    var holder = document.createElement("div");
    holder.innerHTML = answer.html; // server-rendered, every user character escaped
    var item = holder.firstElementChild;
    var list = answer.parent
      ? section.querySelector('[data-replies-of="' + answer.parent + '"]')
      : section.querySelector("[data-comment-list]");
    var empty = section.querySelector("[data-comments-empty]");
    if (empty) {
      empty.remove();
    }
    var newestFirst = !answer.parent && section.querySelector('.discussion-order [aria-current]').textContent === "Newest first";
    if (newestFirst) {
      list.insertBefore(item, list.firstChild);
    } else {
      list.appendChild(item);
    }
    var count = section.querySelector("[data-comment-count]");
    count.textContent = answer.count + (answer.count === 1 ? " comment" : " comments");
    return item;
  }

  section.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute("data-comment-form")) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    say(form, "Posting…");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (answer) {
          return { ok: response.ok, answer: answer };
        });
      })
      .then(function (result) {
        if (!result.ok) {
          say(form, result.answer.error, true);
          return;
        }
        var item = insert(form, result.answer);
        form.reset();
        say(form, result.answer.message);
        if (form.classList.contains("reply-form")) {
          form.remove();
        }
        item.setAttribute("tabindex", "-1");
        item.focus();
      })
      .catch(function () {
        say(form, "The comment could not be sent. Check your connection and try again.", true);
      })
      .then(function () {
        button.disabled = false;
      });
  });

  section.addEventListener("click", function (event) {
    var link = event.target.closest("[data-reply-to]");
    if (link && template) {
      event.preventDefault();
      var comment = link.closest(".comment");
      var existing = comment.querySelector(".reply-form");
      if (existing) {
        existing.querySelector("textarea").focus();
        return;
      }
      var form = template.content.firstElementChild.cloneNode(true);
      form.action = link.href;
      comment.querySelector(".comment-actions").after(form);
      form.querySelector("textarea").focus();
      return;
    }
    var cancel = event.target.closest("[data-cancel-reply]");
    if (cancel) {
      cancel.closest(".reply-form").remove();
    }
  });
})();
