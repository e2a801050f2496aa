package health.securevisit.audit.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;

/** Appends one line per entry to a file and syncs it: JSON lines, or FHIR AuditEvents as NDJSON. */
final class FileSink implements ExportSink {

    private final String name;
    private final Path file;
    private final Function<StoredEntry, String> line;

    FileSink(String name, Path file, Function<StoredEntry, String> line) {
        this.name = name;
        this.file = file;
        this.line = line;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(List<StoredEntry> batch) throws IOException {
        StringBuilder text = new StringBuilder(batch.size() * 512);
        for (StoredEntry e : batch) {
            text.append(line.apply(e)).append('\n');
        }
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                ch.write(bytes);
            }
            ch.force(false);
        }
    }

    @Override
    public void close() {}
}
