package health.securevisit.keys.internal;

import health.securevisit.platform.PhiFlowContributor;
import health.securevisit.platform.PhiFlowMap;
import health.securevisit.platform.PhiFlowMap.AtRest;
import health.securevisit.platform.PhiFlowMap.Kind;
import health.securevisit.platform.Transport;
import org.springframework.stereotype.Component;

/** The keys module's part of the PHI data-flow map: the artifact vault and the key-encryption keys. */
@Component
class KeysFlows implements PhiFlowContributor {

    private final KeySettings settings;

    KeysFlows(KeySettings settings) {
        this.settings = settings;
    }

    @Override
    public void contribute(PhiFlowMap.Builder map) {
        map.node(
                        "store:vault",
                        "Artifact vault (blob store)",
                        Kind.STORE,
                        new AtRest(true, "AES-256-GCM-HKDF streaming, a data key per object"),
                        "stored",
                        "deleted (data key destroyed first)")
                .node(
                        "store:keys",
                        settings.keyring().equals("pkcs11")
                                ? "Key-encryption keys (PKCS#11 token)"
                                : "Keyring (sealed file)",
                        Kind.STORE,
                        new AtRest(true, "wrapped by the master key or held in the token"),
                        "stored")
                .edge(
                        "module:server",
                        "store:vault",
                        "PHI artifacts (documents, recordings)",
                        Transport.local(),
                        "keys")
                .edge("module:server", "store:keys", "data-key wrapping", Transport.local(), "keys");
    }
}
