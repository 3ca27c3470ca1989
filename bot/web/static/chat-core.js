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

  /* Reading aloud (issue 18) with the browser's own speech synthesis: nothing is sent
     anywhere. One thing is read at a time; a "Listen" button reads its message and
     becomes "Stop" while it does. Returns null where the browser cannot speak. */
  function speaker(lang) {
    var synth = root.speechSynthesis;
    if (!synth || typeof root.SpeechSynthesisUtterance !== "function") { return null; }
    var current = null; // {utterance, button}
    function show(button, on) {
      if (!button) { return; }
      button.textContent = on ? "Stop" : "Listen";
      button.setAttribute("aria-pressed", String(on));
    }
    function finished(utterance) {
      if (current && current.utterance === utterance) { show(current.button, false); current = null; }
    }
    function utter(text, button) {
      var utterance = new root.SpeechSynthesisUtterance(text);
      utterance.lang = lang;
      utterance.onend = utterance.onerror = function () { finished(utterance); };
      current = { utterance: utterance, button: button || null };
      show(button, true);
      synth.speak(utterance);
    }
    function stop() {
      var was = current;
      current = null;
      if (was) { show(was.button, false); }
      synth.cancel();
    }
    // Leaving the page (the kiosk clears itself by reloading) must not leave it talking.
    root.addEventListener("pagehide", stop);
    return {
      // Read one message, stopping whatever was being read.
      say: function (text, button) { stop(); utter(text, button); },
      // Read after what is being read now (the kiosk's "read every message").
      queue: function (text) { utter(text, null); },
      stop: stop,
      reading: function (button) { return current !== null && current.button === button; }
    };
  }

  /* What a message says aloud: its words, then its choices. */
  function spoken(turn) {
    var words = turn.text || "";
    if (turn.buttons && turn.buttons.length) {
      words += (words ? " " : "") + "Choices: " + turn.buttons.map(function (b) { return b.title; }).join(", ") + ".";
    }
    return words;
  }

  /* One turn into the log: its text, then its choices. `look` says how:
     msgClass(who), who {bot, user} labels and whoClass, listTag, listClass,
     itemTag (or null), buttonClass, choose(payload, title), and optionally
     speaker (from speaker()) with listenClass, for a "Listen" button on each of
     the assistant's messages. */
  function renderTurn(log, turn, look) {
    var added = null;
    if (turn.text) {
      var p = el("p", look.msgClass(turn.who));
      p.appendChild(el("span", look.whoClass, look.who[turn.who]));
      renderText(p, turn.text);
      if (turn.who === "bot" && look.speaker) {
        var listen = el("button", look.listenClass, "Listen");
        listen.type = "button";
        listen.setAttribute("aria-pressed", "false");
        listen.addEventListener("click", function () {
          if (look.speaker.reading(listen)) { look.speaker.stop(); } else { look.speaker.say(spoken(turn), listen); }
        });
        p.appendChild(listen);
      }
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

  /* "Print or save these" (issue 18): a page of the services given in this
     conversation, the handoff reference and what to do next, built from what the
     gateway sent with the messages (nothing is fetched or stored for it). */
  function printSheet(sheet, services, reference) {
    while (sheet.firstChild) { sheet.removeChild(sheet.firstChild); }
    sheet.appendChild(el("h1", null, "Help from Signpost"));
    var today = new Date().toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
    sheet.appendChild(el("p", null, "Printed on " + today + "."));
    if (reference) {
      sheet.appendChild(el("h2", null, "Your reference"));
      sheet.appendChild(el("p", "sgn-print-ref", reference));
      sheet.appendChild(el("p", null, "Show this at the Jobcentre desk. A Work Coach will look at what you told me before they see you."));
    }
    if (services.length) {
      sheet.appendChild(el("h2", null, "Places that can help"));
      services.forEach(function (s) {
        sheet.appendChild(el("h3", null, s.name));
        if (s.summary) { sheet.appendChild(el("p", null, s.summary)); }
        var list = el("dl");
        [["Please note", s.note], ["Why", s.why], ["Phone", s.phone], ["Website", s.website], ["Opening hours", s.hours],
         ["How to get help", s.how]].forEach(function (row) {
          if (!row[1]) { return; }
          list.appendChild(el("dt", null, row[0]));
          list.appendChild(el("dd", null, row[1]));
        });
        sheet.appendChild(list);
      });
    }
    sheet.appendChild(el("h2", null, "What to do next"));
    var next = el("ul");
    if (services.length) { next.appendChild(el("li", null, "Contact the places above. Each one says how.")); }
    if (reference) { next.appendChild(el("li", null, "Take your reference to the Jobcentre.")); }
    next.appendChild(el("li", null, "Talk to your Work Coach about what you need."));
    next.appendChild(el("li", null, "In an emergency, call 999."));
    sheet.appendChild(next);
  }

  /* Services from a reply, each kept once (by name), in the order given. */
  function addServices(kept, messages) {
    messages.forEach(function (m) {
      (m.services || []).forEach(function (s) {
        if (!kept.some(function (k) { return k.name === s.name; })) { kept.push(s); }
      });
    });
    return kept;
  }

  /* Print the sheet alone: the page says which part prints while the dialog is open,
     so that printing the host page of a widget is never changed. */
  function printOnly(sheet) {
    var html = document.documentElement;
    html.classList.add("sgn-printing");
    sheet.hidden = false;
    function done() {
      html.classList.remove("sgn-printing");
      sheet.hidden = true;
      root.removeEventListener("afterprint", done);
    }
    root.addEventListener("afterprint", done);
    root.print();
  }

  /* After an answer, show where it starts (issue 18): a long answer read from its end,
     or at 400% zoom one scrolled out of sight, is hard to follow. Each scroller (the
     log, the widget's panel) is moved only if the start is out of its view; then the
     page, if the start is off the screen. Focus stays where the claimant types. */
  function showStart(first, scrollers) {
    scrollers.forEach(function (box) {
      var top = first.getBoundingClientRect().top - box.getBoundingClientRect().top;
      if (top < 0 || top > box.clientHeight - 24) { box.scrollTop += top - 8; }
    });
    var at = first.getBoundingClientRect().top;
    if (at < 0 || at > root.innerHeight - 24) { first.scrollIntoView({ block: "start" }); }
  }

  /* The on-screen keyboard shrinks the visual viewport: the box being typed in stays on
     screen (issue 18, WCAG 2.4.11). `fit`, if given, runs first (the widget fits its
     panel to what is left of the screen). */
  function keepInView(input, fit) {
    var view = root.visualViewport;
    function check() {
      if (fit) { fit(view); }
      if (document.activeElement === input) { input.scrollIntoView({ block: "nearest" }); }
    }
    (view || root).addEventListener("resize", check);
    if (view) { view.addEventListener("scroll", function () { if (fit) { fit(view); } }); }
  }

  /* "Signpost is writing…" while an answer is on its way, said politely to a screen
     reader too: the element is a live region that is always there, and only its words
     come and go (a region shown and filled at once is often not read). */
  var WRITING = "Signpost is writing…";
  function writing(into, busy) { into.textContent = busy ? WRITING : ""; }

  root.SignpostChat = {
    renderText: renderText, renderTurn: renderTurn, newSessionId: newSessionId,
    connect: connect, onSubmit: onSubmit, el: el, speaker: speaker, spoken: spoken,
    printSheet: printSheet, addServices: addServices, printOnly: printOnly, keepInView: keepInView,
    showStart: showStart, writing: writing
  };
})(window);
