// The catalogue's filter form swaps in new results without a page load (htmx). Tell screen
// reader users how many occasions now match, since nothing else would announce the change.
document.addEventListener("htmx:afterSettle", function () {
  var status = document.getElementById("results-status");
  var heading = document.getElementById("results-title");
  if (status && heading) {
    status.textContent = heading.textContent.trim();
  }
});
