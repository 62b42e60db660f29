// TrialOps session grid: flags a typed value beyond the protocol's limits at once, and Enter saves
// the row it was typed in. A file served by the app (the CSP allows no inline script); the limits
// come from the inputs' data attributes, and the wording is the server's, which flags the same
// values after every post (so the grid works without this script).
(function () {
  'use strict';

  function vitalsFindings(input) {
    var text = input.value.trim();
    if (!/^[0-9\s\/,;]+$/.test(text)) {
      return [];
    }
    var numbers = text.match(/[0-9]+/g) || [];
    if (numbers.length !== 4) {
      return [];
    }
    var v = numbers.map(function (n) { return parseInt(n, 10); });
    var d = input.dataset;
    var findings = [];
    if (d.systolicMax && v[0] > +d.systolicMax) { findings.push('systolic ' + v[0] + ' mmHg above ' + d.systolicMax); }
    if (d.diastolicMax && v[1] > +d.diastolicMax) { findings.push('diastolic ' + v[1] + ' mmHg above ' + d.diastolicMax); }
    if (d.heartRateMax && v[2] > +d.heartRateMax) { findings.push('heart rate ' + v[2] + '/min above ' + d.heartRateMax); }
    if (d.spo2Min && v[3] < +d.spo2Min) { findings.push('SpO2 ' + v[3] + '% below ' + d.spo2Min); }
    return findings;
  }

  function scaleProblem(input) {
    var value = parseFloat(input.value.trim().replace(',', '.'));
    var d = input.dataset;
    if (input.value.trim() === '' || isNaN(value) || d.min === undefined || d.max === undefined) {
      return '';
    }
    return value < +d.min || value > +d.max
      ? 'outside the scale ' + d.min + '–' + d.max + (d.unit ? ' ' + d.unit : '')
      : '';
  }

  function check(input) {
    var cell = input.closest('td');
    var flag = document.getElementById(input.id + '-flag');
    if (!cell || !flag) {
      return;
    }
    if (input.dataset.kind === 'vitals') {
      var findings = vitalsFindings(input);
      cell.classList.toggle('beyond', findings.length > 0);
      flag.textContent = findings.length > 0 ? 'beyond limits: ' + findings.join('; ') : '';
    } else {
      var problem = scaleProblem(input);
      cell.classList.toggle('refused', problem !== '');
      flag.textContent = problem;
    }
  }

  document.addEventListener('input', function (event) {
    var target = event.target;
    if (target instanceof HTMLInputElement && target.dataset.kind) {
      check(target);
    }
  });

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    if (event.key !== 'Enter' || !(target instanceof HTMLInputElement) || !target.closest('.session-grid tr[data-row]')) {
      return;
    }
    var save = target.closest('tr').querySelector('button[data-row-save]');
    if (save) {
      event.preventDefault();
      save.click();
    }
  });
})();
