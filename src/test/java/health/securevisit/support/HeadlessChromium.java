package health.securevisit.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium, headless, with a fresh profile, trusting the test server's self-signed certificate. */
public final class HeadlessChromium {

    private HeadlessChromium() {}

    public static ChromeDriver start() throws IOException {
        return start(new String[0]);
    }

    /** With extra Chromium arguments, such as {@code --use-fake-device-for-media-stream}. */
    public static ChromeDriver start(String... extraArguments) throws IOException {
        ChromeOptions options = options();
        options.addArguments(extraArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        return new ChromeDriver(service, options);
    }

    /** The options of {@link #start()}: Debian's binary, headless, a fresh profile, the test certificate trusted. */
    public static ChromeOptions options() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--ignore-certificate-errors",
                "--user-data-dir=" + Files.createTempDirectory("chromium-profile"));
        return options;
    }
}
