// An artifact of a visit: a recording plays in a <video> whose source is the artifact's content URL,
// so the browser reads it with HTTP range requests (each decided and audited by the server); ?t=N
// starts playback N seconds in. A screenshot shows as an image.
"use strict";

document.addEventListener("DOMContentLoaded", async () => {
  const api = window.svApi;
  const main = document.getElementById("artifact");
  const id = main.dataset.artifactId;
  const player = document.getElementById("player");
  const offset = document.getElementById("offset");
  const start = Number(new URLSearchParams(location.search).get("t") || 0);
  offset.value = String(start);

  function seek(seconds) {
    const go = () => {
      player.currentTime = seconds;
      player.play().catch(() => {});
    };
    if (player.readyState >= 1) {
      go();
    } else {
      player.addEventListener("loadedmetadata", go, { once: true });
    }
  }

  try {
    const a = await api.call("GET", "/api/v1/artifacts/" + id);
    const url = "/api/v1/artifacts/" + id + "/content";
    document.getElementById("details").textContent =
      a.kind + " · " + a.size + " bytes · SHA-256 " + a.sha256 + " · " + new Date(a.createdAt).toLocaleString();
    if (a.kind === "SCREENSHOT") {
      document.getElementById("artifact-title").textContent = "Screenshot";
      document.getElementById("seek").hidden = true;
      const img = document.getElementById("image");
      img.src = url;
      img.hidden = false;
      return;
    }
    player.muted = true;
    player.src = url;
    player.hidden = false;
    seek(start);
  } catch (e) {
    api.show("error", e.message || "The artifact cannot be shown.");
  }

  document.getElementById("seek").addEventListener("submit", (event) => {
    event.preventDefault();
    seek(Number(offset.value) || 0);
  });
});
