/* The chat core shared by the chat page, the widget and the kiosk: a session id,
   sending a message to the gateway, showing its replies, and its errors. Each page
   is a thin shell that says where things go and how they look.
   All text goes in as DOM text nodes (links as <a>), never as HTML, so no message
   can inject markup. */
(function (root) {
  "use strict";
  var URL = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
  var FAILED = "Sorry, something went wrong.";

  function renderText(into, text) {
    var last = 0, match;
    URL.lastIndex = 0;
    while ((match = URL.exec(text)) !== null) {
      into.appendChild(document.createTextNode(text.slice(last, match.index)));
      var a = document.createElement("a");
      a.href = match[0];
      a.textContent = match[0];
      a.rel = "noopener noreferrer";
      a.target = "_blank";
      into.appendChild(a);
      last = match.index + match[0].length;
    }
    into.appendChild(document.createTextNode(text.slice(last)));
  }

  function newSessionId(prefix, size) {
    var bytes = new Uint8Array(size);
    crypto.getRandomValues(bytes);
    return prefix + Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }

  /* One turn into the log: its text, then its choices. `look` says how:
     msgClass(who), who {bot, user} labels and whoClass, listTag, listClass,
     itemTag (or null), buttonClass, and choose(payload, title). */
  function renderTurn(log, turn, look) {
    var added = null;
    if (turn.text) {
      var p = el("p", look.msgClass(turn.who));
      p.appendChild(el("span", look.whoClass, look.who[turn.who]));
      renderText(p, turn.text);
      log.appendChild(p);
      added = p;
    }
    if (turn.buttons && turn.buttons.length) {
      var list = el(look.listTag, look.listClass);
      if (look.listTag === "ul") { list.setAttribute("aria-label", "Choices"); }
      turn.buttons.forEach(function (b) {
        var button = el("button", look.buttonClass, b.title);
        button.type = "button";
        button.addEventListener("click", function () { look.choose(b.payload, b.title); });
        if (look.itemTag) {
          var item = el(look.itemTag);
          item.appendChild(button);
          list.appendChild(item);
        } else {
          list.appendChild(button);
        }
      });
      log.appendChild(list);
      added = list;
    }
    return added;
  }

  /* A conversation with the gateway. opts: url, session() -> id, site and kioskKey (a kiosk
     only), credentials, input (to give back what the claimant typed when it was not sent),
     restore {rejected, unreachable}, unreachable (text), and callbacks:
     said(text) for the claimant's own turn, kept(text) once the gateway has it (what it
     stored: typed identifiers taken out), replied(messages), failed(text), busy(bool).
     Each message has an id. A message that may not have arrived (no answer, too fast, or
     the assistant was down) keeps its id, and sending the same text again reuses it with
     resend: the gateway then answers from the first try and never answers twice. */
  // After this long without an answer the page says so; the message is kept (issue 18).
  var SLOW_MS = 5000;
  var SLOW = "This is taking longer than usual. Your message is safe. Please wait.";

  function connect(opts) {
    var waiting = false;
    var pending = null; // {message, id} of the last message that may not have arrived
    function giveBack(message, shown, when) {
      if (opts.input && opts.restore[when] && shown !== null && message.charAt(0) !== "/") {
        opts.input.value = message;
      }
    }
    function send(message, shown) {
      if (waiting) { return; }
      waiting = true; opts.busy(true); opts.failed("");
      if (shown !== null) { opts.said(shown || message); }
      var again = pending !== null && pending.message === message;
      var id = again ? pending.id : newSessionId("m-", 16);
      var body = { session: opts.session(), message: message, id: id };
      if (again) { body.resend = true; }
      if (opts.site) { body.site = opts.site; }
      if (opts.kioskKey) { body.kiosk_key = opts.kioskKey; }
      var slow = false;
      // window.SIGNPOST_SLOW_MS shortens the wait, for a test or a demonstration.
      var slowTimer = setTimeout(function () { slow = true; opts.failed(SLOW); }, root.SIGNPOST_SLOW_MS || SLOW_MS);
      fetch(opts.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        credentials: opts.credentials || "same-origin",
        body: JSON.stringify(body)
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, status: response.status, data: data }; });
      }).then(function (result) {
        clearTimeout(slowTimer);
        if (slow) { opts.failed(""); }
        if (!result.ok) {
          opts.failed((result.data.error && result.data.error.message) || FAILED);
          // Too fast, or the assistant was down or slow: the message was fine, so it is
          // given back to send again, with the same id.
          var retry = result.status === 429 || result.status >= 500;
          pending = retry ? { message: message, id: id } : null;
          giveBack(message, shown, retry ? "unreachable" : "rejected");
          return;
        }
        pending = null;
        if (opts.kept && shown !== null) {
          // A typed message is kept as the gateway stored it; a tap as its title.
          var typed = shown === message && typeof result.data.said === "string";
          opts.kept(typed ? result.data.said : (shown || message));
        }
        opts.replied(result.data.messages);
      }).catch(function () {
        clearTimeout(slowTimer);
        pending = { message: message, id: id };
        opts.failed(opts.unreachable);
        giveBack(message, shown, "unreachable");
      }).then(function () {
        waiting = false; opts.busy(false);
      });
    }
    return { send: send };
  }

  /* The composer: an empty message is not sent, with a hint; otherwise send it. */
  function onSubmit(form, input, hint, send) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) { hint(); return; }
      input.value = "";
      send(text, text);
    });
  }

  root.SignpostChat = {
    renderText: renderText, renderTurn: renderTurn, newSessionId: newSessionId,
    connect: connect, onSubmit: onSubmit, el: el
  };
})(window);
