package health.securevisit.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.securevisit.keys.CheckpointSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Ed25519 checkpoint signing key: outside parties verify with the exported PEM alone (openssl, JCA). */
class CheckpointSignerTests {

    @TempDir
    Path dir;

    CheckpointSigner signer() {
        return new KeyringSigner(KeyringLoader.load(
                KeyringTests.settings(null, null), dir.resolve("data"), Map.of(), Clock.systemUTC()));
    }

    @Test
    void opensslVerifiesSignaturesWithTheExportedPublicKeyAndRejectsATamperedCheckpoint() throws Exception {
        CheckpointSigner signer = signer();
        byte[] checkpoint = "securevisit.example/audit\n1024\nq1Z3b8vLkC0=\n".getBytes(StandardCharsets.UTF_8);
        byte[] signature = signer.sign(checkpoint);
        assertThat(signature).hasSize(64);
        assertThat(signer.publicKey()).hasSize(32);

        Path pem = Files.writeString(dir.resolve("audit.pub.pem"), signer.publicKeyPem());
        Path message = Files.write(dir.resolve("checkpoint"), checkpoint);
        Path sig = Files.write(dir.resolve("checkpoint.sig"), signature);
        assertThat(verify(pem, message, sig)).isZero();

        checkpoint[checkpoint.length - 2] ^= 1;
        Files.write(message, checkpoint);
        assertThat(verify(pem, message, sig)).isNotZero();
    }

    @Test
    void publicKeyPemIsSubjectPublicKeyInfoAndTheKeyPersistsInTheKeyring() throws Exception {
        CheckpointSigner signer = signer();
        String pem = signer.publicKeyPem();
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
        byte[] der = Base64.getMimeDecoder()
                .decode(pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", ""));
        PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));

        CheckpointSigner reopened = signer();
        assertThat(reopened.publicKey()).isEqualTo(signer.publicKey());
        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(key);
        verify.update(new byte[] {1, 2, 3});
        assertThat(verify.verify(reopened.sign(new byte[] {1, 2, 3}))).isTrue();
    }

    /** openssl's verdict on an Ed25519 signature, given the PEM public key alone. */
    static int verify(Path pem, Path message, Path signature) throws Exception {
        return openssl(
                "pkeyutl",
                "-verify",
                "-pubin",
                "-inkey",
                pem.toString(),
                "-rawin",
                "-in",
                message.toString(),
                "-sigfile",
                signature.toString());
    }

    static int openssl(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }
}
