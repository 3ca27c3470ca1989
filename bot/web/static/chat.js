// A minimal, accessible chat page. All text goes in through textContent, so no
// message can inject HTML. The session id lives in sessionStorage only.
(function () {
  "use strict";
  var log = document.getElementById("log");
  var form = document.getElementById("composer");
  var input = document.getElementById("message");
  var statusEl = document.getElementById("status");
  var sendButton = form.querySelector("button[type=submit]");
  var busy = false;

  function sessionId() {
    var id = sessionStorage.getItem("signpost.session");
    if (!id) {
      var bytes = new Uint8Array(16);
      crypto.getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
      sessionStorage.setItem("signpost.session", id);
    }
    return id;
  }

  function addMessage(who, text) {
    var p = document.createElement("p");
    p.className = "msg " + who;
    var label = document.createElement("span");
    label.className = "who";
    label.textContent = who === "bot" ? "Signpost:" : "You:";
    p.appendChild(label);
    window.SignpostText.render(p, text);  // links as links, the rest as text (linkify.js)
    log.appendChild(p);
    log.scrollTop = log.scrollHeight;
  }

  function addButtons(buttons) {
    var list = document.createElement("ul");
    list.className = "quick";
    list.setAttribute("aria-label", "Choices");
    buttons.forEach(function (b) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", function () { send(b.payload, b.title); });
      li.appendChild(button);
      list.appendChild(li);
    });
    log.appendChild(list);
    log.scrollTop = log.scrollHeight;
  }

  function send(message, shown) {
    if (busy) { return; }
    busy = true; sendButton.disabled = true;
    statusEl.textContent = "";
    if (shown !== null) { addMessage("user", shown || message); }
    fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: sessionId(), message: message })
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (!result.ok) {
        statusEl.textContent = (result.data.error && result.data.error.message) || "Sorry, something went wrong.";
        if (shown !== null && message.charAt(0) !== "/") { input.value = message; }
        return;
      }
      result.data.messages.forEach(function (m) {
        if (m.text) { addMessage("bot", m.text); }
        if (m.buttons && m.buttons.length) { addButtons(m.buttons); }
      });
    }).catch(function () {
      statusEl.textContent = "Sorry, I could not reach the assistant. Your message was not sent. Please try again.";
      if (shown !== null && message.charAt(0) !== "/") { input.value = message; }
    }).then(function () {
      busy = false; sendButton.disabled = false;
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { statusEl.textContent = "Please type a message first."; input.focus(); return; }
    input.value = "";
    send(text, text);
  });

  send("/greet", null);
})();
