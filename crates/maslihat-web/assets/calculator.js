// The seat calculator updates its result as you type: it asks the server for the page of the
// form's current inputs and swaps in its result, and keeps the inputs in the address bar so the
// result stays a link. Without this script the form works on submit. No framework, no request
// anywhere but this server.
(function () {
  'use strict';
  var form = document.getElementById('calc');
  var result = document.getElementById('result');
  if (!form || !result || !window.fetch || !window.URLSearchParams || !window.DOMParser) {
    return;
  }
  var timer = null;
  var latest = 0;

  function query() {
    var params = new URLSearchParams();
    var data = new FormData(form);
    data.forEach(function (value, key) {
      if (typeof value === 'string' && value.trim() !== '') {
        params.append(key, value);
      }
    });
    return params.toString();
  }

  function update() {
    var q = query();
    var ticket = ++latest;
    result.classList.add('updating');
    fetch('/calculator?' + q, { headers: { Accept: 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        if (ticket !== latest) {
          return;
        }
        var page = new DOMParser().parseFromString(text, 'text/html');
        var fresh = page.getElementById('result');
        if (fresh) {
          result.replaceWith(document.adoptNode(fresh));
          result = fresh;
        }
        result.classList.remove('updating');
        history.replaceState(null, '', '/calculator' + (q ? '?' + q : ''));
      })
      .catch(function () {
        result.classList.remove('updating');
      });
  }

  function later() {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(update, 350);
  }

  form.addEventListener('input', later);
  form.addEventListener('change', later);
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    update();
  });
}());
