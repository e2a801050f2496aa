// A browser's device key for the benchmarks, with the JDK only (ECDSA P-256, as static/js/device.js
// makes with WebCrypto). Values are base64url and ids only, so the JSON is written directly.
//   java bench/DeviceKey.java new KEYFILE                          prints the public JWK, keeps the key
//   java bench/DeviceKey.java sign KEYFILE KID CHALLENGE DEVICEID  prints the compact ES256 JWS proof
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

public class DeviceKey {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("new")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            Files.write(Path.of(args[1]), pair.getPrivate().getEncoded());
            var w = ((ECPublicKey) pair.getPublic()).getW();
            System.out.println("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + coordinate(w.getAffineX()) + "\",\"y\":\""
                    + coordinate(w.getAffineY()) + "\"}");
        } else if (args.length == 5 && args[0].equals("sign")) {
            PrivateKey key = KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(Path.of(args[1]))));
            String header = encode("{\"alg\":\"ES256\",\"kid\":\"" + args[2] + "\"}");
            String payload = encode("{\"challenge\":\"" + args[3] + "\",\"deviceId\":\"" + args[4] + "\"}");
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            System.out.println(header + "." + payload + "." + B64.encodeToString(signer.sign()));
        } else {
            System.err.println("usage: DeviceKey new KEYFILE | sign KEYFILE KID CHALLENGE DEVICEID");
            System.exit(2);
        }
    }

    static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A P-256 coordinate as exactly 32 big-endian bytes. */
    static String coordinate(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - n, out, 32 - n, n);
        return B64.encodeToString(out);
    }
}
