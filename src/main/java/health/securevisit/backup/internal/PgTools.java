package health.securevisit.backup.internal;

import health.securevisit.platform.internal.DatabaseTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code pg_dump} and {@code pg_restore} of the server's major version ({@code
 * /usr/lib/postgresql/<major>/bin}, else the ones on the PATH), in custom format, streamed through
 * standard output and input. The password goes in {@code PGPASSWORD}, never on the command line.
 */
final class PgTools {

    private PgTools() {}

    /** Dumps the database into {@code out} (a consistent snapshot: one repeatable-read transaction). */
    static void dump(DatabaseTarget target, Connection connection, OutputStream out) throws IOException {
        List<String> command = command(tool("pg_dump", connection), target);
        command.addAll(List.of("--format=custom", "--no-owner", "--no-privileges"));
        Process process = start(command, target);
        process.getOutputStream().close();
        CompletableFuture<String> errors = drain(process.getErrorStream());
        try (InputStream dump = process.getInputStream()) {
            dump.transferTo(out);
        }
        finish(process, errors, "pg_dump");
    }

    /** Restores a custom-format dump read from {@code in}, all or nothing (one transaction). */
    static void restore(DatabaseTarget target, Connection connection, InputStream in) throws IOException {
        List<String> command = command(tool("pg_restore", connection), target);
        command.addAll(List.of("--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"));
        Process process = start(command, target);
        CompletableFuture<String> errors = drain(process.getErrorStream());
        CompletableFuture<String> output = drain(process.getInputStream());
        try (OutputStream stdin = process.getOutputStream()) {
            in.transferTo(stdin);
        } catch (IOException e) {
            process.destroy();
            finish(process, errors, "pg_restore");
            throw e;
        }
        output.join();
        finish(process, errors, "pg_restore");
    }

    private static List<String> command(String tool, DatabaseTarget target) {
        List<String> command =
                new ArrayList<>(List.of(tool, "--dbname=" + target.url().substring("jdbc:".length())));
        if (target.user() != null) {
            command.add("--username=" + target.user());
        }
        command.add("--no-password");
        return command;
    }

    private static Process start(List<String> command, DatabaseTarget target) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PGPASSWORD");
        if (target.password() != null && !target.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", target.password());
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new BackupFailure(
                    command.getFirst() + " cannot be started (install postgresql-client of the" + " server's version)");
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    private static void finish(Process process, CompletableFuture<String> errors, String tool) throws IOException {
        try {
            int status = process.waitFor();
            if (status != 0) {
                String first = errors.join().strip().lines().findFirst().orElse("");
                throw new BackupFailure(tool + " failed (exit " + status + "): " + first);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException(tool + " interrupted", e);
        }
    }

    /** The tool of the server's major version if installed, else the one on the PATH. */
    static String tool(String name, Connection connection) {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            rs.next();
            int major = Integer.parseInt(rs.getString(1).strip()) / 10000;
            Path versioned = Path.of("/usr/lib/postgresql", Integer.toString(major), "bin", name);
            return Files.isExecutable(versioned) ? versioned.toString() : name;
        } catch (SQLException | NumberFormatException e) {
            return name;
        }
    }
}
