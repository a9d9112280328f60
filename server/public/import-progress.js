// Progressive enhancement for the import job page: polls the job's status and reloads the
// page when the job is finished. Without JavaScript the page offers a "Stand aktualisieren" link.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  var box = document.querySelector('.import-progress[data-status-url]');
  if (!box || !window.fetch) return;
  var url = box.getAttribute('data-status-url');
  var bar = document.getElementById('fortschritt');
  var text = document.getElementById('fortschritt-text');
  var number = new Intl.NumberFormat('de-DE');

  function show(status) {
    if (status.percent === null) {
      bar.removeAttribute('value');
    } else {
      bar.value = status.percent;
      bar.textContent = status.percent + ' %';
    }
    text.textContent =
      status.phase + (status.total ? ': ' + number.format(status.done) + ' von ' + number.format(status.total) : ' …');
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (status.state === 'running') window.setTimeout(poll, 500);
        else window.location.reload();
      })
      .catch(function () {
        text.textContent = 'Der Stand konnte nicht abgefragt werden. Bitte laden Sie die Seite neu.';
      });
  }
  window.setTimeout(poll, 300);
})();
