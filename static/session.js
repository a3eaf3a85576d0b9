// Countdowns for timed holds; each tick saved as it changes (the "Save my
// ticks" button does the same without JavaScript); the confirmation after
// "I did my session" gets the focus, so a screen reader says it.
document.querySelectorAll("[data-countdown]").forEach(function (button) {
  button.addEventListener("click", function () {
    var left = parseInt(button.dataset.countdown, 10), out = button.nextElementSibling;
    button.disabled = true;
    out.textContent = left + " s";
    var timer = setInterval(function () {
      left -= 1;
      out.textContent = left > 0 ? left + " s" : "Done";
      if (left <= 0) { clearInterval(timer); button.disabled = false; if (navigator.vibrate) navigator.vibrate(200); }
    }, 1000);
  });
});
document.querySelectorAll("form[data-ticks]").forEach(function (form) {
  var status = form.querySelector(".ticks-status"), saving = Promise.resolve();
  form.querySelectorAll("[data-tick]").forEach(function (box) {
    box.addEventListener("change", function () {
      document.getElementById(box.dataset.tick).classList.toggle("ticked", box.checked);
      status.textContent = "Saving…";
      // One save at a time, each sending every tick of the session: the last one wins.
      saving = saving.then(function () {
        return fetch(form.action, {method: "POST", body: new FormData(form), keepalive: true,
                                   headers: {"X-Requested-With": "fetch"}});
      }).then(function (response) {
        status.textContent = response.ok ? "Ticks saved." : "Not saved: tap Save my ticks.";
      }, function () {
        status.textContent = "Not saved: tap Save my ticks.";
      });
    });
  });
});
var confirmation = document.getElementById("confirmation");
if (confirmation) { confirmation.focus(); }
