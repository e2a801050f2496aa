package health.securevisit.room;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.room.RoomFixture.Visit;
import health.securevisit.support.RunningServer;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The visit room on a real TLS server with real WebSocket clients: entry, waiting room, admission, signaling, end. */
class RoomServerTests {

    RunningServer server() {
        return RoomFixture.h2();
    }

    RoomFixture fx() {
        return RoomFixture.of(server());
    }

    @AfterEach
    void resetClock() {
        fx().clock().reset();
    }

    @Test
    void joinSetsAVisitBoundHostOnlyRoomCookie() {
        Visit visit = fx().waitingVisit();
        HttpCookie cookie = RoomFixture.roomCookie(visit.patient());
        assertThat(cookie.getSecure()).isTrue();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getPath()).isEqualTo("/");
        assertThat(cookie.getValue()).matches("[A-Za-z0-9_-]{43}");
        assertThat(visit.participantId()).isNotBlank();
        // Only the SHA-256 of the token is stored.
        var rows = server().context()
                .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT token_hash FROM room_credential WHERE participant_id = ?")
                .param(java.util.UUID.fromString(visit.participantId()))
                .query(String.class)
                .list();
        assertThat(rows).hasSize(1).doesNotContain(cookie.getValue()).allMatch(h -> h.matches("[0-9a-f]{64}"));
    }

    @Test
    void waitingRoomAdmissionSignalingChatAndEnd() {
        Visit visit = fx().waitingVisit();
        try (RoomSocket doctor = fx().socket(visit.clinician(), visit);
                RoomSocket patient = fx().socket(visit.patient(), visit)) {
            JsonNode welcome = doctor.next("welcome");
            assertThat(welcome.path("you").path("role").asString()).isEqualTo("clinician");
            assertThat(welcome.path("admitted").asBoolean()).isTrue();
            JsonNode pw = patient.next("welcome");
            assertThat(pw.path("you").path("participantId").asString()).isEqualTo(visit.participantId());
            assertThat(pw.path("admitted").asBoolean()).isFalse();
            assertThat(pw.path("visitStatus").asString()).isEqualTo("WAITING");
            String doctorId = welcome.path("you").path("participantId").asString();

            JsonNode waiting = doctor.next(
                    f -> f.path("type").asString().equals("waiting")
                            && f.path("participants").size() == 1,
                    "the waiting patient");
            assertThat(waiting.path("participants").get(0).path("participantId").asString())
                    .isEqualTo(visit.participantId());

            // Signaling to or from a participant not admitted is refused; the socket stays open.
            patient.send("{\"type\":\"offer\",\"to\":\"" + doctorId + "\",\"sdp\":\"v=0\"}");
            patient.error("not-admitted");
            doctor.send("{\"type\":\"offer\",\"to\":\"" + visit.participantId() + "\",\"sdp\":\"v=0\"}");
            doctor.error("not-admitted");

            // The call cannot start before the identity step.
            doctor.send("{\"type\":\"admit\",\"participantId\":\"" + visit.participantId() + "\"}");
            doctor.error("identity-not-verified");

            fx().verifyIdentity(visit);
            assertThat(doctor.next("visit-status").path("status").asString()).isEqualTo("IDENTITY_VERIFIED");
            assertThat(patient.next("visit-status").path("status").asString()).isEqualTo("IDENTITY_VERIFIED");

            doctor.send("{\"type\":\"admit\",\"participantId\":\"" + visit.participantId() + "\"}");
            JsonNode admitted = patient.next("admitted");
            assertThat(admitted.path("peers").get(0).path("participantId").asString())
                    .isEqualTo(doctorId);
            assertThat(doctor.next("peer-joined").path("participantId").asString())
                    .isEqualTo(visit.participantId());
            assertThat(patient.next("visit-status").path("status").asString()).isEqualTo("IN_PROGRESS");
            assertThat(json(expect(fx().staff.get("/api/v1/visits/" + visit.id()), 200))
                            .path("status")
                            .asString())
                    .isEqualTo("IN_PROGRESS");

            doctor.send("{\"type\":\"offer\",\"to\":\"" + visit.participantId() + "\",\"sdp\":\"v=0 offer\"}");
            JsonNode offer = patient.next("offer");
            assertThat(offer.path("from").asString()).isEqualTo(doctorId);
            assertThat(offer.path("sdp").asString()).isEqualTo("v=0 offer");
            patient.send("{\"type\":\"answer\",\"to\":\"" + doctorId + "\",\"sdp\":\"v=0 answer\"}");
            assertThat(doctor.next("answer").path("sdp").asString()).isEqualTo("v=0 answer");
            patient.send("{\"type\":\"candidate\",\"to\":\"" + doctorId + "\",\"candidate\":{\"candidate\":"
                    + "\"candidate:1 1 udp 1 192.0.2.1 3478 typ relay\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
            assertThat(doctor.next("candidate").path("candidate").path("sdpMid").asString())
                    .isEqualTo("0");
            patient.send("{\"type\":\"candidate\",\"to\":\"" + doctorId + "\",\"candidate\":null}");
            assertThat(doctor.next("candidate").path("candidate").isNull()).isTrue();
            patient.send("{\"type\":\"media\",\"audio\":true,\"video\":false,\"audioOnly\":true}");
            assertThat(doctor.next("media").path("audioOnly").asBoolean()).isTrue();

            patient.send("{\"type\":\"chat\",\"text\":\"Hello doctor\"}");
            assertThat(doctor.next("chat").path("text").asString()).isEqualTo("Hello doctor");
            assertThat(patient.next("chat").path("role").asString()).isEqualTo("patient");

            HttpResponse<String> chat = visit.patient().get(visit.path() + "/chat");
            assertThat(chat.statusCode()).isEqualTo(200);
            assertThat(json(chat).path("messages").get(0).path("text").asString())
                    .isEqualTo("Hello doctor");
            assertThat(chat.headers().firstValue("Cache-Control").orElse("")).contains("no-store");

            doctor.send("{\"type\":\"end-visit\"}");
            assertThat(patient.closeCode()).isEqualTo(4410);
            assertThat(doctor.closeCode()).isEqualTo(4410);
        }
        // The credential ended with the visit.
        assertThat(RoomSocket.refusal(visit.patient().http(), fx().ws(visit.path()), fx().origin()))
                .isEqualTo(403);
    }

    /** A visit whose patient is admitted, with both sockets open and their welcome frames read. */
    record Call(Visit visit, RoomSocket doctor, RoomSocket patient, String doctorId) implements AutoCloseable {
        @Override
        public void close() {
            doctor.close();
            patient.close();
        }
    }

    Call call() {
        Visit visit = fx().waitingVisit();
        fx().verifyIdentity(visit);
        RoomSocket doctor = fx().socket(visit.clinician(), visit);
        String doctorId =
                doctor.next("welcome").path("you").path("participantId").asString();
        RoomSocket patient = fx().socket(visit.patient(), visit);
        patient.next("welcome");
        doctor.send("{\"type\":\"admit\",\"participantId\":\"" + visit.participantId() + "\"}");
        patient.next("admitted");
        doctor.next("peer-joined");
        return new Call(visit, doctor, patient, doctorId);
    }

    /** The call goes on: an offer from the clinician still reaches the patient. */
    static void callGoesOn(Call call) {
        call.doctor()
                .send("{\"type\":\"offer\",\"to\":\"" + call.visit().participantId() + "\",\"sdp\":\"v=0 again\"}");
        assertThat(call.patient().next("offer").path("sdp").asString()).isEqualTo("v=0 again");
    }

    @Test
    void handshakeRefusesWrongOriginMissingOrForeignCredentialsAndOutsiders() throws Exception {
        Visit visit = fx().waitingVisit();
        Visit other = fx().waitingVisit();
        var uri = fx().ws(visit.path());
        // Wrong or missing Origin, even with a valid credential.
        assertThat(RoomSocket.refusal(visit.patient().http(), uri, "https://evil.example"))
                .isEqualTo(403);
        assertThat(RoomSocket.refusal(visit.clinician().http(), uri, "https://localhost:1"))
                .isEqualTo(403);
        // No credential at all.
        assertThat(RoomSocket.refusal(fx().patientBrowser().http(), uri, fx().origin()))
                .isEqualTo(403);
        // The credential of another visit.
        assertThat(RoomSocket.refusal(other.patient().http(), uri, fx().origin()))
                .isEqualTo(403);
        // A clinician off the care team, front-desk staff, an administrator.
        assertThat(RoomSocket.refusal(other.clinician().http(), uri, fx().origin()))
                .isEqualTo(403);
        assertThat(RoomSocket.refusal(fx().staff.http(), uri, fx().origin())).isEqualTo(403);
        assertThat(RoomSocket.refusal(
                        health.securevisit.support.Workforce.adminClient(server())
                                .http(),
                        uri,
                        fx().origin()))
                .isEqualTo(403);
        // A used link does not give a second credential.
        assertThat(RoomSocket.refusal(visit.patient().http(), uri, fx().origin()))
                .isEqualTo(101);
    }

    @Test
    void staleMfaKeepsTheClinicianOutUntilAStepUp() throws Exception {
        Visit visit = fx().waitingVisit();
        // Keep the session alive (a request within the idle limit) while the MFA ages past 15 minutes.
        fx().clock().advance(java.time.Duration.ofMinutes(10));
        expect(visit.clinician().get("/api/v1/auth/session"), 200);
        fx().clock().advance(java.time.Duration.ofMinutes(6));
        expect(visit.clinician().get("/api/v1/auth/session"), 200);
        var uri = fx().ws(visit.path());
        assertThat(RoomSocket.refusal(visit.clinician().http(), uri, fx().origin()))
                .isEqualTo(403);
        assertThat(visit.clinician().get(visit.path() + "/ice-servers").statusCode())
                .isEqualTo(403);
        fx().clock().reset();
        visit.clinician().stepUp(visit.doctor());
        assertThat(RoomSocket.refusal(visit.clinician().http(), uri, fx().origin()))
                .isEqualTo(101);
    }

    @Test
    void anIdlePatientCredentialExpires() {
        Visit visit = fx().waitingVisit();
        fx().clock().advance(java.time.Duration.ofMinutes(16));
        assertThat(RoomSocket.refusal(visit.patient().http(), fx().ws(visit.path()), fx().origin()))
                .isEqualTo(403);
        assertThat(visit.patient().get(visit.path() + "/ice-servers").statusCode())
                .isEqualTo(403);
    }

    @Test
    void badFramesAnswerAnErrorAndTheCallGoesOn() {
        try (Call call = call()) {
            RoomSocket p = call.patient();
            p.send("not json");
            p.error("invalid-message");
            p.send("[1,2]");
            p.error("invalid-message");
            p.send("{\"type\":7}");
            p.error("invalid-message");
            p.send("{\"type\":\"teleport\"}");
            p.error("unknown-type");
            p.send("{\"type\":\"ping\",\"extra\":1}");
            p.error("invalid-message");
            p.send("{\"type\":\"chat\",\"text\":\"a\",\"text\":\"b\"}");
            p.error("invalid-message");
            p.send("{\"type\":\"offer\",\"to\":\"not-a-uuid\",\"sdp\":\"v=0\"}");
            p.error("invalid-message");
            p.send("{\"type\":\"offer\",\"to\":\"" + call.doctorId() + "\"}");
            p.error("invalid-message");
            p.send("{\"type\":\"media\",\"audio\":\"yes\",\"video\":false,\"audioOnly\":false}");
            p.error("invalid-message");
            p.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}");
            p.error("too-large");
            p.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(4001) + "\"}");
            p.error("chat-too-long");
            p.send("{\"type\":\"chat\",\"text\":\"abc\u202Edef\"}");
            p.error("invalid-message");
            p.send("{\"type\":\"chat\",\"text\":\"   \"}");
            p.error("invalid-message");
            // Out of order: a patient cannot admit or end the visit; admitting someone who does not wait.
            p.send("{\"type\":\"admit\",\"participantId\":\"" + call.doctorId() + "\"}");
            p.error("forbidden");
            p.send("{\"type\":\"end-visit\"}");
            p.error("forbidden");
            call.doctor().send("{\"type\":\"admit\",\"participantId\":\"" + java.util.UUID.randomUUID() + "\"}");
            call.doctor().error("unknown-participant");
            // SDP to someone who is not an admitted participant of this visit.
            call.doctor().send("{\"type\":\"offer\",\"to\":\"" + java.util.UUID.randomUUID() + "\",\"sdp\":\"v=0\"}");
            call.doctor().error("not-admitted");
            // Nothing of it was stored or relayed; the call goes on, the exact limit passes.
            assertThat(json(expect(call.visit().patient().get(call.visit().path() + "/chat"), 200))
                            .path("messages")
                            .size())
                    .isZero();
            assertThat(call.doctor().receives("chat", java.time.Duration.ofMillis(300)))
                    .isFalse();
            p.send("{\"type\":\"chat\",\"text\":\"" + "y".repeat(4000) + "\"}");
            assertThat(call.doctor().next("chat").path("text").asString()).hasSize(4000);
            assertThat(p.open()).isTrue();
            callGoesOn(call);
        }
    }

    @Test
    void aFloodOfFramesIsRateLimitedWithoutClosingTheSocket() {
        try (Call call = call()) {
            for (int i = 0; i < 45; i++) {
                call.patient().send("{\"type\":\"ping\"}");
            }
            call.patient().error("rate-limited");
            assertThat(call.patient().open()).isTrue();
            callGoesOn(call);
        }
    }

    @Test
    void aSecondSocketReplacesTheFirstAndRejoinsWithoutAdmission() {
        try (Call call = call()) {
            RoomSocket again = fx().socket(call.visit().patient(), call.visit());
            assertThat(call.patient().closeCode()).isEqualTo(4409);
            JsonNode welcome = again.next("welcome");
            assertThat(welcome.path("admitted").asBoolean()).isTrue();
            assertThat(welcome.path("visitStatus").asString()).isEqualTo("IN_PROGRESS");
            call.doctor().send("{\"type\":\"offer\",\"to\":\"" + call.visit().participantId() + "\",\"sdp\":\"v=1\"}");
            assertThat(again.next("offer").path("sdp").asString()).isEqualTo("v=1");
            // The clinician's reload too: same participant id, the old socket closed.
            RoomSocket doctorAgain = fx().socket(call.visit().clinician(), call.visit());
            assertThat(call.doctor().closeCode()).isEqualTo(4409);
            assertThat(doctorAgain
                            .next("welcome")
                            .path("you")
                            .path("participantId")
                            .asString())
                    .isEqualTo(call.doctorId());
            again.close();
            doctorAgain.close();
        }
    }

    @Test
    void framesTooLargeAreAnsweredUpToTheContainerBufferAndClosedBeyond() {
        try (Call call = call()) {
            RoomSocket p = call.patient();
            // 64 KiB is read (JSON allows the padding whitespace); one byte more answers too-large.
            p.send(padded("{\"type\":\"ping\"}", 64 * 1024));
            p.next("pong");
            p.send(padded("{\"type\":\"ping\"}", 64 * 1024 + 1));
            p.error("too-large");
            // Up to the container's buffer (SECUREVISIT_ROOM_FRAME_BUFFER, 256 KiB) still too-large, open.
            p.send(padded("{\"type\":\"ping\"}", 256 * 1024));
            p.error("too-large");
            p.send("{\"type\":\"ping\"}");
            p.next("pong");
            // Beyond the buffer the container closes the socket with 1009; the other side's call goes on.
            p.send(padded("{\"type\":\"ping\"}", 256 * 1024 + 1));
            assertThat(p.closeCode()).isEqualTo(1009);
            assertThat(call.doctor().next("peer-left").path("participantId").asString())
                    .isEqualTo(call.visit().participantId());
            assertThat(call.doctor().open()).isTrue();
        }
    }

    /** {@code json} followed by spaces to {@code length} characters (one byte each). */
    private static String padded(String json, int length) {
        return json + " ".repeat(length - json.length());
    }

    @Test
    void anIdleClinicianIsWarnedThenClosed() {
        try (Call call = call()) {
            fx().clock().advance(java.time.Duration.ofSeconds(95));
            JsonNode warning = call.doctor().next("idle-warning");
            assertThat(warning.path("closesInSeconds").asLong()).isBetween(1L, 30L);
            fx().clock().advance(java.time.Duration.ofSeconds(30));
            assertThat(call.doctor().closeCode()).isEqualTo(4408);
            assertThat(call.patient().next("peer-left").path("participantId").asString())
                    .isEqualTo(call.doctorId());
        }
    }

    @Test
    void activityKeepsTheClinicianIn() {
        try (Call call = call()) {
            fx().clock().advance(java.time.Duration.ofSeconds(80));
            call.doctor().send("{\"type\":\"activity\"}");
            fx().clock().advance(java.time.Duration.ofSeconds(80));
            assertThat(call.doctor().receives("idle-warning", java.time.Duration.ofMillis(600)))
                    .isFalse();
            assertThat(call.doctor().open()).isTrue();
        }
    }

    @Test
    void logoutClosesTheClinicianSocket() {
        try (Call call = call()) {
            expect(call.visit().clinician().post("/api/v1/auth/logout", "{}"), 204);
            assertThat(call.doctor().closeCode()).isEqualTo(4401);
            assertThat(call.patient().open()).isTrue();
        }
    }

    @Test
    void sessionExpiryClosesTheClinicianSocket() {
        try (Call call = call()) {
            fx().clock().advance(java.time.Duration.ofMinutes(16));
            assertThat(call.doctor().closeCode()).isEqualTo(4401);
        }
    }

    @Test
    void revokedAccessClosesTheClinicianSocket() {
        try (Call call = call()) {
            expect(
                    health.securevisit.support.Workforce.adminClient(server())
                            .put(
                                    "/api/v1/users/" + call.visit().doctor().id() + "/roles",
                                    health.securevisit.support.Workforce.body("roles", java.util.List.of("AUDITOR"))),
                    200);
            fx().clock().advance(java.time.Duration.ofSeconds(6));
            assertThat(call.doctor().closeCode()).isEqualTo(4403);
        }
    }

    @Test
    void iceServersAreMintedForParticipantsOnly() {
        Visit visit = fx().waitingVisit();
        JsonNode ice = json(expect(visit.patient().get(visit.path() + "/ice-servers"), 200));
        assertThat(ice.path("iceTransportPolicy").asString()).isEqualTo("relay");
        assertThat(ice.path("ttlSeconds").asLong()).isEqualTo(600);
        JsonNode server0 = ice.path("iceServers").get(0);
        assertThat(server0.path("urls").get(0).asString())
                .isEqualTo("turn:127.0.0.1:" + RoomFixture.TURN_PORT + "?transport=udp");
        String[] parts = server0.path("username").asString().split(":");
        assertThat(parts).hasSize(3);
        assertThat(Long.parseLong(parts[0]) - java.time.Instant.now().getEpochSecond())
                .isBetween(590L, 610L);
        assertThat(parts[1]).isEqualTo(visit.id());
        assertThat(parts[2]).isEqualTo(visit.participantId());
        assertThat(server0.path("credential").asString()).matches("[A-Za-z0-9+/]{27}=");
        expect(visit.clinician().get(visit.path() + "/ice-servers"), 200);
        Visit other = fx().waitingVisit();
        expect(other.clinician().get(visit.path() + "/ice-servers"), 403);
        expect(other.patient().get(visit.path() + "/ice-servers"), 403);
        expect(fx().patientBrowser().get(visit.path() + "/ice-servers"), 403);
        expect(fx().staff.get(visit.path() + "/ice-servers"), 403);
    }

    @Test
    void coturnAllocatesWithAMintedCredentialAndRefusesExpiredOrForgedOnes() throws Exception {
        Visit visit = fx().waitingVisit();
        try (Coturn coturn = Coturn.start(RoomFixture.TURN_PORT, RoomFixture.TURN_SECRET)) {
            JsonNode fresh = json(expect(visit.patient().get(visit.path() + "/ice-servers"), 200))
                    .path("iceServers")
                    .get(0);
            assertThat(coturn.allocates(
                            fresh.path("username").asString(),
                            fresh.path("credential").asString()))
                    .isTrue();
            // Forged: the right username with another password, or another visit's name on a valid HMAC.
            assertThat(coturn.allocates(fresh.path("username").asString(), "AAAAAAAAAAAAAAAAAAAAAAAAAAA="))
                    .isFalse();
            String renamed = fresh.path("username")
                    .asString()
                    .replace(visit.id(), java.util.UUID.randomUUID().toString());
            assertThat(coturn.allocates(renamed, fresh.path("credential").asString()))
                    .isFalse();
            // Expired: minted eleven minutes ago (the server's clock moved back), so its expiry has passed.
            fx().clock().advance(java.time.Duration.ofMinutes(-11));
            JsonNode old = json(expect(visit.patient().get(visit.path() + "/ice-servers"), 200))
                    .path("iceServers")
                    .get(0);
            fx().clock().reset();
            assertThat(coturn.allocates(
                            old.path("username").asString(),
                            old.path("credential").asString()))
                    .isFalse();
        }
    }

    @Test
    void chatIsStoredEncryptedAndReadByTheCareTeamAfterTheVisit() {
        Call call = call();
        call.patient().send("{\"type\":\"chat\",\"text\":\"my secret symptom\"}");
        call.doctor().next("chat");
        call.doctor().send("{\"type\":\"end-visit\"}");
        assertThat(call.doctor().closeCode()).isEqualTo(4410);
        // No plaintext at rest.
        byte[] stored = server().context()
                .getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT text_ciphertext FROM room_chat_message WHERE visit_id = ?")
                .param(java.util.UUID.fromString(call.visit().id()))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("symptom");
        // After the visit: the care team (inside the window) reads it; the patient's credential is over.
        JsonNode chat = json(expect(call.visit().clinician().get(call.visit().path() + "/chat"), 200));
        assertThat(chat.path("messages").get(0).path("text").asString()).isEqualTo("my secret symptom");
        assertThat(chat.path("messages").get(0).path("role").asString()).isEqualTo("patient");
        expect(call.visit().patient().get(call.visit().path() + "/chat"), 403);
        expect(fx().waitingVisit().clinician().get(call.visit().path() + "/chat"), 403);
        expect(fx().staff.get(call.visit().path() + "/chat"), 403);
    }
}
