package health.securevisit.hub;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.audit.Outcome;
import health.securevisit.keys.HubCaKey;
import health.securevisit.support.CapturedAuditEvents;
import health.securevisit.support.Clinic;
import health.securevisit.support.RunningServer;
import health.securevisit.support.TestCa;
import health.securevisit.support.TestServers;
import health.securevisit.support.Workforce;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub CA and the mutual-TLS hub listener, driven by real peers ({@code openssl s_client},
 * {@code curl --cert}, the JDK's HTTP client): a certificate from enrolment is accepted; none, a
 * foreign, an expired or a revoked one never reaches the application; hub paths live only on the
 * hub listener; bad CSRs and reused codes are refused and audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubListenerTests {

    final RunningServer server = TestServers.h2();
    Workforce officer;
    Clinic clinic;

    @TempDir
    Path dir;

    static final String BATCH = """
            {"uplink":{"mode":"CELLULAR","id":"310-260"},"readings":[
             {"id":"%s","code":"8867-4","time":"%s","value":72}]}""";

    @BeforeAll
    void officerAndPatient() {
        officer = Workforce.on(server)
                .signIn(Workforce.newAccount(server, Workforce.unique("hub.officer"), "SECURITY_OFFICER"));
        clinic = Clinic.withVerifiedVisit(server);
    }

    String batch() {
        return BATCH.formatted("r-" + UUID.randomUUID(), Instant.now().minusSeconds(60));
    }

    @Test
    void enrolledHubPostsReadingsWithCurlAndTheCertificateIsAsSpecified() throws Exception {
        HubKit.Hub hub = HubKit.enrolled(server, officer, clinic.patientId(), "CELLULAR", "310-260", dir);
        HubKit.Run posted = HubKit.curl(server, hub, "/api/v1/hub/observations", batch());
        assertThat(HubKit.status(posted)).as(posted.out()).isEqualTo("200");
        assertThat(posted.out()).contains("\"accepted\":1");

        X509Certificate cert = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(hub.cert()));
        assertThat(cert.getSubjectAlternativeNames())
                .singleElement()
                .satisfies(name -> assertThat(name.get(1)).isEqualTo("urn:securevisit:hub:" + hub.id()));
        assertThat(Duration.between(
                        cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                .isLessThanOrEqualTo(Duration.ofDays(90).plusMinutes(1));
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        // The CA certificate the hub got is the one the server publishes.
        assertThat(Files.readString(hub.ca()))
                .isEqualTo(server.get("/api/v1/hubs/ca.pem").body());
    }

    @Test
    void opensslWithTheHubCertificateGetsAnHttpAnswer() throws Exception {
        HubKit.Hub hub = HubKit.enrolled(server, officer, clinic.patientId(), "CELLULAR", "310-260", dir);
        HubKit.Run ok = HubKit.sClient(server, hub.cert(), hub.key());
        assertThat(ok.out()).contains("HTTP/1.1 404");
    }

    @Test
    void noCertificateNeverReachesTheApplication() {
        HubKit.Run none = HubKit.sClient(server, null, null);
        assertThat(none.out()).doesNotContain("HTTP/1.1").containsIgnoringCase("alert");
        HubKit.Run curl = HubKit.curl(server, null, null, HubKit.hubPort(server), "/api/v1/hub/observations", batch());
        assertThat(HubKit.status(curl)).isEqualTo("000");
    }

    @Test
    void aForeignCertificateNeverReachesTheApplication() throws Exception {
        // A certificate from another CA, with the very name a hub certificate carries.
        TestCa foreign = TestCa.create(dir.resolve("foreign"));
        HubKit.Run s = HubKit.sClient(server, foreign.certPem(), foreign.keyPem());
        assertThat(s.out()).doesNotContain("HTTP/1.1").containsIgnoringCase("alert");
        HubKit.Run curl = HubKit.curl(
                server,
                foreign.certPem(),
                foreign.keyPem(),
                HubKit.hubPort(server),
                "/api/v1/hub/observations",
                batch());
        assertThat(HubKit.status(curl)).isEqualTo("000");
    }

    @Test
    void anExpiredCertificateOfTheHubCaNeverReachesTheApplication() throws Exception {
        HubKit.Hub hub = HubKit.enrolled(server, officer, clinic.patientId(), "CELLULAR", "310-260", dir);
        // The same hub and key, in a certificate signed by the real CA key that expired yesterday.
        Path expired = dir.resolve("expired.pem");
        Files.writeString(expired, expiredCertificate(hub));
        HubKit.Run s = HubKit.sClient(server, expired, hub.key());
        assertThat(s.out()).doesNotContain("HTTP/1.1").containsIgnoringCase("alert");
        assertThat(HubKit.status(HubKit.curl(
                        server, expired, hub.key(), HubKit.hubPort(server), "/api/v1/hub/observations", batch())))
                .isEqualTo("000");
    }

    @Test
    void revocationTakesEffectAtOnceAtTheHandshake() throws Exception {
        HubKit.Hub hub = HubKit.enrolled(server, officer, clinic.patientId(), "CELLULAR", "310-260", dir);
        assertThat(HubKit.status(HubKit.curl(server, hub, "/api/v1/hub/observations", batch())))
                .isEqualTo("200");
        expect(officer.post("/api/v1/hubs/" + hub.id() + "/revocation", "{}"), 204);
        HubKit.Run s = HubKit.sClient(server, hub.cert(), hub.key());
        assertThat(s.out()).doesNotContain("HTTP/1.1").containsIgnoringCase("alert");
        assertThat(HubKit.status(HubKit.curl(server, hub, "/api/v1/hub/observations", batch())))
                .isEqualTo("000");
        // The published CRL lists it, signed by the CA.
        X509Certificate ca = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(hub.ca()));
        HttpResponse<byte[]> crl = RunningServer.client(server.dataDir().resolve("tls/server.crt"))
                .http()
                .send(
                        HttpRequest.newBuilder(server.uri("/api/v1/hubs/crl")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(crl.statusCode()).isEqualTo(200);
        java.security.cert.X509CRL list = (java.security.cert.X509CRL)
                CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl.body()));
        list.verify(ca.getPublicKey());
        X509Certificate cert = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(hub.cert()));
        assertThat(list.isRevoked(cert)).isTrue();
        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(
                        e -> e.action().equals("hub.revoke") && hub.id().equals(e.resourceId())))
                .singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS));
    }

    @Test
    void hubPathsAnswerOnlyOnTheHubListenerAndNothingElseAnswersThere() throws Exception {
        HubKit.Hub hub = HubKit.enrolled(server, officer, clinic.patientId(), "CELLULAR", "310-260", dir);
        assertThat(server.send(HttpRequest.newBuilder(server.uri("/api/v1/hub/observations"))
                                .POST(HttpRequest.BodyPublishers.ofString(batch()))
                                .header("Content-Type", "application/json"))
                        .statusCode())
                .isEqualTo(404);
        HubKit.Run health = HubKit.curl(server, hub.cert(), hub.key(), HubKit.hubPort(server), "/api/v1/health", "");
        assertThat(HubKit.status(health)).isEqualTo("404");
        HubKit.Run patients = HubKit.curl(
                server, hub.cert(), hub.key(), HubKit.hubPort(server), "/api/v1/patients/" + clinic.patientId(), "");
        assertThat(HubKit.status(patients)).isEqualTo("404");
    }

    @Test
    void aJdkClientWithTheHubCertificatePostsAndRenewsOverMutualTls() throws Exception {
        HubKit.Hub hub = HubKit.enrolled(server, officer, clinic.patientId(), "CELLULAR", "310-260", dir);
        HttpClient client = HttpClient.newBuilder().sslContext(mutualTls(hub)).build();
        URI uri = URI.create("https://localhost:" + HubKit.hubPort(server) + "/api/v1/hub/observations");
        HttpResponse<String> posted = client.send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(batch()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

        Path newKey = HubKit.key(dir, "ec:P-256");
        HttpResponse<String> renewed = client.send(
                HttpRequest.newBuilder(
                                URI.create("https://localhost:" + HubKit.hubPort(server) + "/api/v1/hub/certificate"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(Workforce.body("csr", HubKit.csr(newKey))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(201);
        Path newCert = Files.writeString(
                dir.resolve("renewed.pem"), json(renewed).path("certificatePem").asString());
        assertThat(json(renewed).path("hubId").asString()).isEqualTo(hub.id());
        assertThat(HubKit.status(HubKit.curl(
                        server, newCert, newKey, HubKit.hubPort(server), "/api/v1/hub/observations", batch())))
                .isEqualTo("200");
    }

    @Test
    void enrolmentRefusesWrongKeyTypesExtraNamesAndReusedCodes() throws Exception {
        String code = HubKit.register(officer, clinic.patientId(), "CELLULAR", "310-260");
        for (String kind : new String[] {"rsa:3072", "ec:P-384", "ed25519"}) {
            assertThat(HubKit.enrol(server, code, HubKit.csr(HubKit.key(dir, kind)), 400)
                            .path("code")
                            .asString())
                    .as(kind)
                    .isEqualTo("csr-key-type");
        }
        Path key = HubKit.key(dir, "ec:P-256");
        assertThat(HubKit.enrol(
                                server,
                                code,
                                HubKit.csr(
                                        key, "-addext", "subjectAltName=URI:urn:securevisit:hub:" + UUID.randomUUID()),
                                400)
                        .path("code")
                        .asString())
                .isEqualTo("csr-extra-names");
        assertThat(HubKit.enrol(server, code, "not a csr", 400).path("code").asString())
                .isEqualTo("csr-invalid");
        // Refused CSRs did not use the code up; a good one does, once.
        HubKit.enrol(server, code, HubKit.csr(key), 201);
        assertThat(HubKit.enrol(server, code, HubKit.csr(key), 403).path("code").asString())
                .isEqualTo("enrolment-code-invalid");
        assertThat(HubKit.enrol(server, "no-such-code", HubKit.csr(key), 403)
                        .path("code")
                        .asString())
                .isEqualTo("enrolment-code-invalid");
        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> e.action().equals("hub.enrol") && e.outcome() == Outcome.DENIED))
                .extracting(e -> e.reason())
                .contains(
                        "csr-key-type",
                        "csr-extra-names",
                        "csr-invalid",
                        "enrolment-code-reused",
                        "enrolment-code-unknown");
    }

    @Test
    void enrolmentAttemptsAreThrottledPerSourceAddressAndPerCode() throws Exception {
        String csr = HubKit.csr(HubKit.key(dir, "ec:P-256"));
        // Per source address: ten guesses a minute, then 429 with Retry-After, audited.
        Workforce guesser = HubKit.freshSource(server);
        for (int i = 0; i < 10; i++) {
            assertThat(HubKit.enrolFrom(guesser, "guess-" + i, csr).statusCode())
                    .isEqualTo(403);
        }
        HttpResponse<String> limited = HubKit.enrolFrom(guesser, "guess-10", csr);
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(json(limited).path("code").asString()).isEqualTo("too-many-attempts");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        // Another address is not affected.
        assertThat(HubKit.enrolFrom(HubKit.freshSource(server), "guess-11", csr).statusCode())
                .isEqualTo(403);
        // Per code: ten attempts an hour whatever the address, so a real code refused that way stays unused.
        String code = HubKit.register(officer, clinic.patientId(), "CELLULAR", "310-260");
        for (int i = 0; i < 10; i++) {
            assertThat(HubKit.enrol(server, code, "not a csr", 400).path("code").asString())
                    .isEqualTo("csr-invalid");
        }
        HttpResponse<String> codeLimited = HubKit.enrolFrom(HubKit.freshSource(server), code, csr);
        assertThat(codeLimited.statusCode()).as(codeLimited.body()).isEqualTo(429);
        assertThat(codeLimited.headers().firstValue("Retry-After")).isPresent();
        CapturedAuditEvents audit = server.context().getBean(CapturedAuditEvents.class);
        assertThat(audit.matching(e -> e.action().equals("hub.enrol") && "too-many-attempts".equals(e.reason())))
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.DENIED));
    }

    @Test
    void theSimulatedHubScriptEnrolsAndSendsReadingsOverMutualTls() throws Exception {
        String code = HubKit.register(officer, clinic.patientId(), "CELLULAR", "310-260");
        ProcessBuilder script = new ProcessBuilder("bench/hub-simulate.sh", code, "2", "2").redirectErrorStream(true);
        script.environment().put("SV", "https://localhost:" + server.port());
        script.environment().put("HUB", "https://localhost:" + HubKit.hubPort(server));
        script.environment()
                .put("CACERT", server.dataDir().resolve("tls/server.crt").toString());
        script.environment().put("DIR", dir.resolve("simulated").toString());
        Process p = script.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("enrolled hub").contains("sent 20 readings over mutual TLS");
    }

    @Test
    void onlyTheSecurityOfficerRegistersListsAndRevokesHubs() {
        String body = Workforce.body("patientId", clinic.patientId(), "networkMode", "CELLULAR", "uplink", "310-260");
        assertThat(clinic.clinician().post("/api/v1/hubs", body).statusCode()).isEqualTo(403);
        assertThat(clinic.staff().get("/api/v1/hubs").statusCode()).isEqualTo(403);
        assertThat(server.get("/api/v1/hubs").statusCode()).isEqualTo(401);
        assertThat(clinic.clinician()
                        .post("/api/v1/hubs/" + UUID.randomUUID() + "/revocation", "{}")
                        .statusCode())
                .isEqualTo(403);
        assertThat(json(expect(officer.get("/api/v1/hubs"), 200)).path("hubs").isArray())
                .isTrue();
    }

    private String expiredCertificate(HubKit.Hub hub) throws Exception {
        HubCaKey ca = server.context().getBean(HubCaKey.class);
        X509Certificate issued = (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(Files.newInputStream(hub.cert()));
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                        X500Name.getInstance(issued.getIssuerX500Principal().getEncoded()),
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(Duration.ofDays(31))),
                        Date.from(now.minus(Duration.ofDays(1))),
                        X500Name.getInstance(issued.getSubjectX500Principal().getEncoded()),
                        SubjectPublicKeyInfo.getInstance(issued.getPublicKey().getEncoded()))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                .addExtension(
                        Extension.subjectAlternativeName,
                        true,
                        new GeneralNames(new GeneralName(
                                GeneralName.uniformResourceIdentifier, "urn:securevisit:hub:" + hub.id())));
        AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        ContentSigner signer = new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return buffer;
            }

            @Override
            public byte[] getSignature() {
                return ca.sign(buffer.toByteArray());
            }
        };
        byte[] der = builder.build(signer).getEncoded();
        return "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }

    private SSLContext mutualTls(HubKit.Hub hub) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        Certificate cert = x509.generateCertificate(Files.newInputStream(hub.cert()));
        PrivateKey key;
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(hub.key())))) {
            Object pem = parser.readObject();
            byte[] pkcs8 = ((org.bouncycastle.asn1.pkcs.PrivateKeyInfo) pem).getEncoded();
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("hub", key, new char[0], new Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(
                "server",
                x509.generateCertificate(Files.newInputStream(server.dataDir().resolve("tls/server.crt"))));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }
}
