package health.securevisit.compliance.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed evidence bundle (docs/compliance.md): a zip of the evidence, the OSCAL assessment
 * results, the latest audit checkpoint and the public key, with {@code manifest.json} naming each
 * file's size and SHA-256 and {@code manifest.sig} holding the Ed25519 signature (base64) of {@link
 * #SIGNED_PREFIX} followed by the manifest's bytes, made with the audit checkpoint key of the keys
 * module.
 *
 * <p>Guarantees of {@link #verify}: with the trusted public key alone and no network, it names every
 * file whose bytes differ from the manifest, every file the manifest lists that is missing, every
 * file in the zip the manifest does not list, and a manifest whose signature does not verify.
 */
public final class EvidenceBundle {

    public static final String FORMAT = "securevisit-evidence-bundle/1";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String EVIDENCE = "evidence.json";
    public static final String OSCAL = "oscal/assessment-results.json";
    public static final String CHECKPOINT = "audit/checkpoint.txt";
    public static final String PUBLIC_KEY = "public-key.pem";
    /** Domain separation: a manifest signature can never be taken for a checkpoint or backup signature. */
    static final byte[] SIGNED_PREFIX = "securevisit evidence bundle manifest v1\n".getBytes(StandardCharsets.US_ASCII);

    static final long MAX_ENTRY = 64L * 1024 * 1024;
    static final int MAX_ENTRIES = 64;
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** One file of the manifest. */
    public record FileEntry(String name, long size, String sha256) {}

    public record Manifest(String format, Instant created, List<FileEntry> files) {}

    /** The verdict: {@code problems} is empty when the bundle is intact and signed by the key. */
    public record Verification(List<String> problems, int files) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private EvidenceBundle() {}

    /**
     * Writes the bundle of {@code files} (name to bytes, in the order given) with its manifest,
     * signed by {@code sign}.
     */
    public static byte[] write(Map<String, byte[]> files, Instant created, Function<byte[], byte[]> sign) {
        List<FileEntry> entries = new ArrayList<>();
        files.forEach((name, bytes) -> entries.add(new FileEntry(name, bytes.length, sha256(bytes))));
        byte[] manifest = JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(new Manifest(FORMAT, created, entries))
                .getBytes(StandardCharsets.UTF_8);
        byte[] signature = sign.apply(signed(manifest));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            put(zip, MANIFEST, manifest, created);
            put(
                    zip,
                    SIGNATURE,
                    (Base64.getEncoder().encodeToString(signature) + "\n").getBytes(StandardCharsets.US_ASCII),
                    created);
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                put(zip, f.getKey(), f.getValue(), created);
            }
        } catch (IOException e) {
            throw new IllegalStateException("the bundle cannot be written", e);
        }
        return out.toByteArray();
    }

    /** Checks {@code bundle} offline against the trusted Ed25519 {@code key}. */
    public static Verification verify(Path bundle, PublicKey key) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bundle))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entries.size() >= MAX_ENTRIES) {
                    problems.add("the bundle has more than " + MAX_ENTRIES + " files");
                    break;
                }
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] bytes;
                try {
                    bytes = read(zip);
                } catch (ZipException e) {
                    problems.add(printable(name) + ": changed (its bytes in the zip are corrupted)");
                    break;
                }
                if (entries.put(name, bytes) != null) {
                    problems.add(printable(name) + ": present twice");
                }
            }
        } catch (IllegalArgumentException | ZipException e) {
            return new Verification(List.of("not a readable zip file"), 0);
        }
        byte[] manifestBytes = entries.remove(MANIFEST);
        byte[] signatureText = entries.remove(SIGNATURE);
        if (manifestBytes == null || signatureText == null) {
            problems.add(manifestBytes == null ? MANIFEST + ": missing" : SIGNATURE + ": missing");
            return new Verification(List.copyOf(problems), entries.size());
        }
        if (!signatureVerifies(manifestBytes, signatureText, key)) {
            problems.add(MANIFEST + ": the signature does not verify with the given public key"
                    + " (the manifest was changed, or the bundle was signed by another key)");
        }
        Manifest manifest;
        try {
            manifest = JSON.readValue(manifestBytes, Manifest.class);
        } catch (JacksonException e) {
            problems.add(MANIFEST + ": unreadable");
            return new Verification(List.copyOf(problems), entries.size());
        }
        if (!FORMAT.equals(manifest.format())) {
            problems.add(MANIFEST + ": unknown format");
        }
        Map<String, FileEntry> listed = new LinkedHashMap<>();
        for (FileEntry f : manifest.files()) {
            listed.put(f.name(), f);
        }
        for (FileEntry f : listed.values()) {
            byte[] bytes = entries.get(f.name());
            if (bytes == null) {
                problems.add(printable(f.name()) + ": missing");
            } else if (bytes.length != f.size()
                    || !MessageDigest.isEqual(
                            sha256(bytes).getBytes(StandardCharsets.US_ASCII),
                            f.sha256().getBytes(StandardCharsets.US_ASCII))) {
                problems.add(printable(f.name()) + ": changed (its SHA-256 differs from the manifest)");
            }
        }
        for (String name : entries.keySet()) {
            if (!listed.containsKey(name)) {
                problems.add(printable(name) + ": not in the manifest");
            }
        }
        return new Verification(List.copyOf(problems), entries.size());
    }

    /** An Ed25519 public key from a PEM file ({@code -----BEGIN PUBLIC KEY-----}, SubjectPublicKeyInfo). */
    public static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        if (!pem.contains("-----BEGIN PUBLIC KEY-----") || body.isEmpty()) {
            throw new GeneralSecurityException("not a PEM public key");
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
            return key;
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not a PEM public key", e);
        }
    }

    static boolean signatureVerifies(byte[] manifest, byte[] signatureText, PublicKey key) {
        try {
            byte[] signature = Base64.getDecoder().decode(new String(signatureText, StandardCharsets.US_ASCII).strip());
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(signed(manifest));
            return ed.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static byte[] signed(byte[] manifest) {
        byte[] message = new byte[SIGNED_PREFIX.length + manifest.length];
        System.arraycopy(SIGNED_PREFIX, 0, message, 0, SIGNED_PREFIX.length);
        System.arraycopy(manifest, 0, message, SIGNED_PREFIX.length, manifest.length);
        return message;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] bytes, Instant time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(time.toEpochMilli());
        zip.putNextEntry(e);
        zip.write(bytes);
        zip.closeEntry();
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) MAX_ENTRY + 1);
        if (bytes.length > MAX_ENTRY) {
            throw new IOException("a file of the bundle is larger than " + MAX_ENTRY + " bytes");
        }
        return bytes;
    }

    private static String printable(String name) {
        String clipped = name.length() > 120 ? name.substring(0, 120) + "..." : name;
        return clipped.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
