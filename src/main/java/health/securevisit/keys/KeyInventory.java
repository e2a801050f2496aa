package health.securevisit.keys;

import java.util.List;

/** The keys this server holds, for the compliance report. Never returns key material. */
public interface KeyInventory {

    List<KeyInfo> keys();
}
