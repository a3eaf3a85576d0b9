// Countdowns for timed holds and ticks per exercise, remembered on the phone.
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
document.querySelectorAll("[data-tick]").forEach(function (box) {
  var key = "tick-" + location.pathname + "-" + box.dataset.tick;
  box.checked = localStorage.getItem(key) === "1";
  document.getElementById(box.dataset.tick).classList.toggle("ticked", box.checked);
  box.addEventListener("change", function () {
    localStorage.setItem(key, box.checked ? "1" : "0");
    document.getElementById(box.dataset.tick).classList.toggle("ticked", box.checked);
  });
});
