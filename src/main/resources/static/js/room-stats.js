// What the visit room reads from RTCPeerConnection.getStats(): the safety code (docs/room-pages.md,
// "Media security and the safety code") and the connection quality. Pure functions of a stats report.
"use strict";

window.svRoomStats = (function () {
  function selectedTransport(stats) {
    let transport = null;
    stats.forEach((s) => {
      if (s.type === "transport" && s.dtlsState === "connected") {
        transport = s;
      }
    });
    return transport;
  }

  // The two DTLS certificate fingerprints of the live connection, sorted, joined by "\n", hashed with
  // SHA-256; the big-endian uint32 of the first 4 bytes mod 1,000,000, zero-padded, as "123 456".
  // Both ends see the same two fingerprints; a party in the middle would give each end another one.
  async function safetyCode(stats) {
    const transport = selectedTransport(stats);
    if (!transport || !transport.localCertificateId || !transport.remoteCertificateId) {
      return null;
    }
    const fingerprints = [
      stats.get(transport.localCertificateId).fingerprint,
      stats.get(transport.remoteCertificateId).fingerprint,
    ].sort();
    const bytes = new TextEncoder().encode(fingerprints[0] + "\n" + fingerprints[1]);
    const digest = await crypto.subtle.digest("SHA-256", bytes);
    const digits = String(new DataView(digest).getUint32(0, false) % 1000000).padStart(6, "0");
    return digits.substring(0, 3) + " " + digits.substring(3);
  }

  // Good, Fair or Poor from the selected pair's round-trip time and the share of packets lost since
  // the previous sample ({received, lost}, or null for the first).
  function quality(stats, previous) {
    const transport = selectedTransport(stats);
    const pair = transport && transport.selectedCandidatePairId ? stats.get(transport.selectedCandidatePairId) : null;
    const rtt = pair && pair.currentRoundTripTime !== undefined ? pair.currentRoundTripTime : null;
    let received = 0;
    let lost = 0;
    stats.forEach((s) => {
      if (s.type === "inbound-rtp") {
        received += s.packetsReceived || 0;
        lost += s.packetsLost || 0;
      }
    });
    const before = previous || { received: 0, lost: 0 };
    const newlyLost = Math.max(0, lost - before.lost);
    const total = received - before.received + newlyLost;
    const lossRate = total > 0 ? newlyLost / total : 0;
    let label = "Good";
    if ((rtt !== null && rtt > 0.4) || lossRate > 0.08) {
      label = "Poor";
    } else if ((rtt !== null && rtt > 0.15) || lossRate > 0.02) {
      label = "Fair";
    }
    return { label, rtt, sample: { received, lost } };
  }

  return { safetyCode, quality };
})();
