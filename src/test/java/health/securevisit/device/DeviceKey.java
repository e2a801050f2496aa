package health.securevisit.device;

import static health.securevisit.support.Workforce.body;
import static health.securevisit.support.Workforce.expect;
import static health.securevisit.support.Workforce.json;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import health.securevisit.support.Workforce;
import java.net.http.HttpResponse;
import java.util.Map;

/** Test support: a device key as a browser holds it (P-256), binding it and signing proofs as device.js does. */
record DeviceKey(String deviceId, ECKey key) {

    static DeviceKey generate(String deviceId) {
        try {
            return new DeviceKey(deviceId, new ECKeyGenerator(Curve.P_256).generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    String thumbprint() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> bind(Workforce client) {
        return client.post(
                "/api/v1/devices/" + deviceId + "/binding",
                body("publicJwk", key.toPublicJWK().toJSONObject()));
    }

    String challenge(Workforce client) {
        return json(expect(client.post("/api/v1/devices/challenge", "{}"), 200))
                .path("challenge")
                .asString();
    }

    /** A proof of {@code challenge} signed with {@code signer} under this key's thumbprint. */
    String proof(String challenge, ECKey signer) {
        try {
            JWSObject jws = new JWSObject(
                    new JWSHeader.Builder(JWSAlgorithm.ES256)
                            .keyID(thumbprint())
                            .build(),
                    new Payload(Map.of("challenge", challenge, "deviceId", deviceId)));
            jws.sign(new ECDSASigner(signer));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> prove(Workforce client, String proof) {
        return client.post("/api/v1/devices/proof", body("proof", proof));
    }

    /** A fresh challenge, signed and proved; fails the test when refused. */
    void prove(Workforce client) {
        expect(prove(client, proof(challenge(client), key)), 200);
    }
}
