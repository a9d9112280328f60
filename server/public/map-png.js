// Progressive enhancement for the maps of the area pages (server/web/views/map.view.ts): shows the
// "Als PNG herunterladen" button and, on click, draws the map's SVG into a canvas and saves it as
// a PNG. Without JavaScript the button stays hidden and the SVG download remains.
// The SVG goes in as a data: URL because the Content-Security-Policy allows images from 'self'
// and data: only; an SVG without foreignObject does not taint the canvas.
(function () {
  'use strict';
  var SCALE = 2;
  var buttons = document.querySelectorAll('button[data-map-png]');
  if (!buttons.length || !window.XMLSerializer || !document.createElement('canvas').toBlob) return;

  function status(button, text) {
    var live = button.parentNode.querySelector('.map-png-status');
    if (!live) {
      live = document.createElement('span');
      live.className = 'map-png-status';
      live.setAttribute('role', 'status');
      button.parentNode.appendChild(live);
    }
    live.textContent = text;
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  }

  function download(button) {
    var svg = document.querySelector('.map-figure svg.map');
    if (!svg) return;
    var box = svg.viewBox.baseVal;
    var text = new XMLSerializer().serializeToString(svg);
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement('canvas');
      canvas.width = Math.round(box.width * SCALE);
      canvas.height = Math.round(box.height * SCALE);
      var context = canvas.getContext('2d');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      canvas.toBlob(function (blob) {
        if (!blob) return status(button, 'Das PNG konnte nicht erzeugt werden. Bitte die SVG-Datei verwenden.');
        save(blob, button.getAttribute('data-map-png') || 'karte.png');
        status(button, 'PNG erstellt.');
      }, 'image/png');
    };
    image.onerror = function () {
      status(button, 'Das PNG konnte nicht erzeugt werden. Bitte die SVG-Datei verwenden.');
    };
    image.width = box.width;
    image.height = box.height;
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(text);
  }

  Array.prototype.forEach.call(buttons, function (button) {
    button.hidden = false;
    button.addEventListener('click', function () {
      download(button);
    });
  });
})();
