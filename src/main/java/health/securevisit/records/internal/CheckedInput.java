package health.securevisit.records.internal;

import health.securevisit.platform.SecureVisitException.Kind;
import health.securevisit.records.RecordsException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A request body on its way into the vault: counted, hashed, limited to {@code max} bytes, and (for
 * the first chunk) checked against the declared type's signature. A failed check throws {@link
 * Refused} from {@code read}, which makes the vault drop the object before anything is kept.
 */
final class CheckedInput extends FilterInputStream {

    /** Why a body was refused; the vault wraps it, the store unwraps it. */
    static final class Refused extends IOException {
        private final transient RecordsException failure;

        Refused(RecordsException failure) {
            super(failure.code());
            this.failure = failure;
        }

        RecordsException failure() {
            return failure;
        }
    }

    private final long max;
    private final MessageDigest digest = ArtifactStore.sha256();
    private MediaTypes.@Nullable Signature signature;
    private final byte[] head;
    private int headLength;
    private long count;

    CheckedInput(InputStream in, long max, MediaTypes.@Nullable Signature signature) {
        super(in);
        this.max = max;
        this.signature = signature;
        this.head = new byte[signature == null ? 0 : signature.length()];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            if (signature != null) {
                throw new Refused(MediaTypes.Signature.mismatch());
            }
            return n;
        }
        count += n;
        if (count > max) {
            throw new Refused(RecordsException.of(
                    Kind.INVALID,
                    RecordsException.CHUNK_BEYOND_SIZE,
                    "The content is larger than allowed (the declared size or the chunk limit)."));
        }
        digest.update(b, off, n);
        if (signature != null) {
            int take = Math.min(n, head.length - headLength);
            System.arraycopy(b, off, head, headLength, take);
            headLength += take;
            if (headLength == head.length) {
                if (!signature.matches(head, headLength)) {
                    throw new Refused(MediaTypes.Signature.mismatch());
                }
                signature = null;
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("not supported");
    }

    long count() {
        return count;
    }

    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
