/* Text with web addresses, as DOM nodes: never HTML, so no message can inject markup.
   Shared by the chat page, the widget and the kiosk. */
(function (root) {
  "use strict";
  var URL = /https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
  root.SignpostText = {
    render: function (into, text) {
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
    },
    reference: function (text) {
      var m = /\b(SGN-[23456789ABCDEFGHJKMNPQRSTWXYZ]{4})\b/.exec(text || "");
      return m ? m[1] : null;
    }
  };
})(window);
