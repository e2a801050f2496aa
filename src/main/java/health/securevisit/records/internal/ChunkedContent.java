package health.securevisit.records.internal;

import health.securevisit.keys.ArtifactVault;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The plaintext of bytes [offset, offset + length) of an artifact stored as vault objects (one per
 * chunk). Chunks outside the range are never opened, and each chunk in it is read through the vault's
 * seekable decryption from its own offset: reading near the end decrypts only the segments there.
 */
final class ChunkedContent extends InputStream {

    private final ArtifactVault vault;
    private final Iterator<Piece> pieces;
    private @Nullable InputStream current;

    private record Piece(String vaultId, long offset, long length) {}

    ChunkedContent(ArtifactVault vault, List<ArtifactRows.Chunk> chunks, long offset, long length) {
        this.vault = vault;
        long end = offset + length;
        this.pieces = chunks.stream()
                .filter(c -> c.start() < end && c.start() + c.size() > offset)
                .map(c -> {
                    long from = Math.max(offset, c.start());
                    long to = Math.min(end, c.start() + c.size());
                    return new Piece(c.vaultId(), from - c.start(), to - from);
                })
                .toList()
                .iterator();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (current == null) {
                if (!pieces.hasNext()) {
                    return -1;
                }
                Piece p = pieces.next();
                current = vault.openRange(p.vaultId(), p.offset(), p.length());
            }
            int n = current.read(b, off, len);
            if (n >= 0) {
                return n;
            }
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
