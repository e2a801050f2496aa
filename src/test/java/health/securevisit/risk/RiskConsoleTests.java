package health.securevisit.risk;

import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;
import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.Transport;
import health.securevisit.risk.internal.RiskService;
import health.securevisit.support.HeadlessChromium;
import health.securevisit.support.RunningServer;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The data-flow map and the NIST SP 800-30 register on a real server (H2): the map from the running
 * configuration as JSON and SVG, scenarios with risks from the 800-30 matrix and levels outside the
 * scale refused, the yearly clock, scenarios the system opens itself, the report as HTML and PDF,
 * and the console pages in headless Chromium (screenshots in target/screenshots).
 */
class RiskConsoleTests {

    static RunningServer server;
    static Workforce.Account officerAccount;
    static Workforce officer;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of(
                "turn.urls", "turns:turn.example.org:5349?transport=tcp",
                "turn.secret", "risk-test-turn-secret-0123456789abcdefghij",
                "egress.vendor.turn", "self-hosted"));
        officerAccount = Workforce.newAccount(server, Workforce.unique("officer"), "SECURITY_OFFICER");
        officer = Workforce.on(server).signIn(officerAccount);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String scenario(Object likelihood, Object impact) {
        return Workforce.body(
                "threatId",
                "mfa-phishing",
                "asset",
                "person:workforce",
                "title",
                "Clinicians phished for TOTP codes",
                "likelihood",
                likelihood,
                "impact",
                impact,
                "residualLikelihood",
                2,
                "residualImpact",
                5,
                "treatment",
                "MITIGATE",
                "owner",
                "Security officer",
                "dueOn",
                LocalDate.now(ZoneOffset.UTC).plusMonths(3).toString());
    }

    @Test
    void theMapComesFromTheRunningConfigurationWithTransportAndAtRest() {
        JsonNode map = json(expect(officer.get("/api/v1/dataflows"), 200));
        assertThat(map.path("nodes").toString())
                .contains("store:database", "store:vault", "store:audit-trail", "AES-256-GCM");
        assertThat(map.path("edges").toString()).contains("TLSv1.3").contains("in-process");
        // Integrations and modules that exist appear as configured: the self-hosted TURN relay (media
        // DTLS-SRTP, turns: signalling over TLS) and the hubs' mutual-TLS listener.
        assertThat(map.path("nodes").toString()).contains("service:turn", "turn (self-hosted)", "device:hub");
        assertThat(map.path("edges").toString())
                .contains("\"DTLS-SRTP\"", "TURN allocation", "vital signs (PHI)", "\"mutual\":true");
        assertThat(map.path("findings").size()).isZero();
        HttpResponse<String> svg = expect(officer.get("/console/dataflows.svg"), 200);
        assertThat(svg.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg").contains("Artifact vault");
    }

    @Test
    void scenariosTakeTheirRiskFromThe80030MatrixAndRefuseLevelsOutsideTheScale() {
        long before = phishing();
        JsonNode created = json(expect(officer.post("/api/v1/risk/scenarios", scenario(4, 5)), 201));
        assertThat(created.path("inherentRisk").asString()).isEqualTo("very-high");
        assertThat(created.path("residualRisk").asString()).isEqualTo("moderate"); // low x very high
        assertThat(created.path("controls").toString()).contains("webauthn");

        for (String bad : List.of(scenario(6, 3), scenario(0, 3), scenario(3, 9))) {
            assertThat(json(expect(officer.post("/api/v1/risk/scenarios", bad), 400))
                            .path("code")
                            .asString())
                    .isEqualTo("outside-scale");
        }
        String unknownThreat = scenario(3, 3).replace("mfa-phishing", "dragons");
        assertThat(json(expect(officer.post("/api/v1/risk/scenarios", unknownThreat), 400))
                        .path("code")
                        .asString())
                .isEqualTo("invalid-scenario");
        assertThat(phishing()).as("nothing half-stored").isEqualTo(before + 1);
        assertThat(expect(officer.get("/api/v1/audit/events?userId=" + officerAccount.id() + "&outcome=DENIED"), 200)
                        .body())
                .contains("outside-scale");
    }

    @Test
    void theYearlyClockRestartsWhenTheAssessmentIsRecorded() {
        JsonNode clock = json(expect(officer.post("/api/v1/risk/assessments", "{}"), 200));
        assertThat(clock.path("dueOn").asString())
                .isEqualTo(LocalDate.now(ZoneOffset.UTC).plusYears(1).toString());
        assertThat(clock.path("overdue").asBoolean()).isFalse();
    }

    @Test
    void aNewFlowAndAFlowLosingEncryptionOpenScenarios() {
        RiskService risks = server.context().getBean(RiskService.class);
        PhiFlowMap.Builder map = PhiFlowMap.builder();
        map.edge("module:server", "vendor:new-sms", "appointment reminders", Transport.tls("TLSv1.3"), "sms");
        risks.watch(map.build());
        risks.watch(PhiFlowMap.builder()
                .edge("module:server", "vendor:new-sms", "appointment reminders", Transport.plaintext("HTTP"), "sms")
                .build());
        risks.watch(PhiFlowMap.builder()
                .edge("module:server", "vendor:new-sms", "appointment reminders", Transport.plaintext("HTTP"), "sms")
                .build());
        String register = expect(officer.get("/api/v1/risk/scenarios"), 200).body();
        assertThat(register).contains("auto:new-flow").contains("auto:flow-unencrypted");
        JsonNode all = json(expect(officer.get("/api/v1/risk/scenarios"), 200)).path("scenarios");
        assertThat(all.valueStream().filter(s -> s.path("origin").asString().equals("auto:flow-unencrypted")))
                .as("one scenario per condition, not one per look")
                .hasSize(1);
    }

    @Test
    void theReportIsHtmlAndPdf() {
        expect(officer.post("/api/v1/risk/scenarios", scenario(3, 4)), 201);
        HttpResponse<String> html = expect(officer.get("/console/risk/report"), 200);
        assertThat(html.body()).contains("NIST SP 800-30", "Threat catalog", "Insider snooping", "Very High");
        HttpResponse<String> pdf = expect(officer.get("/api/v1/risk/report.pdf"), 200);
        assertThat(pdf.headers().firstValue("Content-Type").orElseThrow()).isEqualTo("application/pdf");
        assertThat(pdf.body()).startsWith("%PDF-");
    }

    @Test
    void consolePagesRenderForTheSecurityOfficer() throws Exception {
        HttpResponse<String> vendor = expect(
                officer.post(
                        "/api/v1/vendors",
                        Workforce.body(
                                "key", "scribe-co",
                                "name", "Scribe Co",
                                "services", "Visit transcription",
                                "phiCategories", List.of("TRANSCRIPTS"),
                                "owner", "Privacy office",
                                "baa",
                                        Map.of(
                                                "effective",
                                                "2026-01-01",
                                                "expires",
                                                LocalDate.now(ZoneOffset.UTC)
                                                        .plusDays(20)
                                                        .toString(),
                                                "breachNoticeDays",
                                                5,
                                                "flowDown",
                                                true),
                                "subcontractors",
                                        List.of(Map.of(
                                                "name", "Cloud host", "services", "hosting", "flowDown", true)))),
                201);
        byte[] pdf = "%PDF-1.7\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        expect(
                officer.putBytes(
                        "/api/v1/vendors/" + json(vendor).path("id").asString() + "/baa", "application/pdf", pdf),
                200);
        expect(officer.post("/api/v1/risk/scenarios", scenario(4, 4)), 201);
        ChromeDriver driver = HeadlessChromium.start();
        try {
            String base = "https://localhost:" + server.port();
            driver.manage().window().setSize(new Dimension(1400, 1000));
            driver.get(base + "/login");
            driver.findElement(By.id("username")).sendKeys(officerAccount.username());
            driver.findElement(By.id("password")).sendKeys(officerAccount.password());
            driver.findElement(By.id("sign-in")).click();
            wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.id("totp-code")));
            driver.findElement(By.id("totp-code")).sendKeys(Workforce.nextCode(officerAccount.totpSecret()));
            driver.findElement(By.id("verify-totp")).click();
            wait(driver).until(ExpectedConditions.urlContains("/account/security"));
            Path dir = Files.createDirectories(Path.of("target/screenshots"));
            for (String page : List.of("vendors", "dataflows", "risk", "risk/report")) {
                driver.get(base + "/console/" + page);
                wait(driver).until(ExpectedConditions.visibilityOfElementLocated(By.tagName("h1")));
                assertThat(driver.getTitle()).contains("SecureVisit");
                if (page.equals("dataflows")) {
                    wait(driver).until(d -> (Boolean) ((ChromeDriver) d)
                            .executeScript("return document.querySelector('.flowmap img').naturalWidth > 0"));
                }
                Files.write(
                        dir.resolve("console-" + page.replace('/', '-') + ".png"),
                        driver.getScreenshotAs(OutputType.BYTES));
            }
            driver.get(base + "/console/vendors");
            assertThat(driver.findElement(By.tagName("main")).getText())
                    .contains("Scribe Co", "review-due", "expires on", "Needs your attention");
            driver.manage().window().setSize(new Dimension(400, 900));
            Files.write(dir.resolve("console-vendors-phone.png"), driver.getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
        }
    }

    long phishing() {
        return json(expect(officer.get("/api/v1/risk/scenarios"), 200))
                .path("scenarios")
                .valueStream()
                .filter(s -> s.path("threatId").asString().equals("mfa-phishing"))
                .count();
    }

    static WebDriverWait wait(ChromeDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(15));
    }
}
