package health.securevisit.support;

import health.securevisit.SecureVisit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code securevisit} as a separate JVM process, the way an operator does, with a clean
 * environment plus the given variables, and collects its exit code and output.
 */
public final class ChildProcess {

    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> stderrLines() {
            return stderr.lines()
                    .filter(l -> !l.isBlank())
                    .filter(l -> !l.startsWith("WARNING:"))
                    .toList();
        }
    }

    private ChildProcess() {}

    public static Process start(Map<String, String> env, Path output, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xshare:auto",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                SecureVisit.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("SECUREVISIT_"));
        builder.environment().putAll(env);
        // The hub listener takes any free port unless the test names one (several servers run at once).
        builder.environment().putIfAbsent("SECUREVISIT_HUB_PORT", "0");
        return builder.start();
    }

    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                SecureVisit.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(k -> k.startsWith("SECUREVISIT_"));
        builder.environment().putAll(env);
        // The hub listener takes any free port unless the test names one (several servers run at once).
        builder.environment().putIfAbsent("SECUREVISIT_HUB_PORT", "0");
        Path out = Files.createTempFile("securevisit-out", ".txt");
        Path err = Files.createTempFile("securevisit-err", ".txt");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("securevisit did not exit within 90 s: " + Files.readString(err));
        }
        Result result = new Result(
                process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return result;
    }
}
