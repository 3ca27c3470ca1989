// The chat page: a shell over chat-core.js. The session id lives in sessionStorage only.
(function () {
  "use strict";
  var core = window.SignpostChat;
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var statusEl = document.getElementById("status");
  var sendButton = form.querySelector("button[type=submit]");
  var typing = document.getElementById("typing");
  var printButton = document.getElementById("print");
  var sheet = document.getElementById("print-sheet");
  var services = [], reference = null;  // for "Print or save these"; this page's memory only

  function sessionId() {
    var id = sessionStorage.getItem("signpost.session");
    if (!id) {
      id = core.newSessionId("", 16);
      sessionStorage.setItem("signpost.session", id);
    }
    return id;
  }

  var look = {
    msgClass: function (who) { return "msg " + who; },
    who: { bot: "Signpost:", user: "You:" },
    whoClass: "who",
    listTag: "ul", listClass: "quick", itemTag: "li", buttonClass: "",
    choose: function (payload, title) { chat.send(payload, title); },
    speaker: core.speaker(document.documentElement.lang || "en-GB"),
    listenClass: "listen"
  };
  function show(turn) {
    var added = core.renderTurn(log, turn, look);
    log.scrollTop = log.scrollHeight;
    return added;
  }

  var chat = core.connect({
    url: "/api/chat",
    session: sessionId,
    input: input,
    restore: { rejected: true, unreachable: true },
    unreachable: "Sorry, I could not reach the assistant. Your message was not sent. Please try again.",
    said: function (text) { show({ who: "user", text: text }); },
    replied: function (messages) {
      core.addServices(services, messages);
      var first = null;
      messages.forEach(function (m) {
        reference = m.handoff_reference || reference;
        var added = show({ who: "bot", text: m.text, buttons: m.buttons });
        first = first || added;
      });
      if (first) { core.showStart(first, [log]); }
      printButton.hidden = !(services.length || reference);
    },
    failed: function (text) { statusEl.textContent = text; },
    busy: function (busy) { sendButton.disabled = busy; core.writing(typing, busy); }
  });

  core.keepInView(input);

  core.onSubmit(form, input, function () {
    statusEl.textContent = "Please type a message first."; input.focus();
  }, chat.send);

  printButton.addEventListener("click", function () {
    core.printSheet(sheet, services, reference);
    core.printOnly(sheet);
  });

  chat.send("/greet", null);
})();
