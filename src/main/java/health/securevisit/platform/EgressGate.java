package health.securevisit.platform;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The one outbound egress gate: every integration that can carry PHI or audit data off this server
 * registers here once (naming its vendor in {@code securevisit.egress.vendor.<integration>}) and asks
 * {@link #permits} before each send.
 *
 * <p>Guarantees: an integration without a vendor setting, or naming a vendor the register does not
 * know, stops the start with one line naming the setting. {@link #permits} answers false unless the
 * vendor's BAA standing {@link VendorAgreements.Standing#permitsPhi() permits PHI}; the caller then
 * keeps what it would have sent (its outbox) and asks again later. Each change between permitted and
 * refused publishes one {@link EgressStateChanged} in a transaction (so the event publication
 * registry keeps it for the audit record and the security alert), not one per held-back message.
 * The register is read at most once per {@link EgressSettings#refresh()} and at once after {@link
 * #agreementsChanged()}; between reads {@link #permits} costs two map look-ups.
 */
@Component
public final class EgressGate implements SmartLifecycle {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]{0,31}");

    /**
     * The vendor setting value for an integration whose far end this organisation operates itself (a
     * self-hosted coturn or Fleet): no business associate, so no BAA to check; it is always permitted
     * and drawn on the data-flow map as our own service. Vendor keys cannot take this value.
     */
    public static final String SELF_HOSTED = "self-hosted";

    /** One registered integration and what the gate last decided for it. */
    public record Status(Egress egress, VendorAgreements.@Nullable Standing standing, boolean permitted) {}

    private record Snapshot(Map<String, VendorAgreements.Standing> standings, long takenNanos) {}

    private final EgressSettings settings;
    private final ObjectProvider<VendorAgreements> agreements;
    private final ApplicationEventPublisher events;
    private final TransactionOperations transactions;
    private final Clock clock;
    private final Map<String, Egress> registered = new ConcurrentHashMap<>();
    private final Map<String, Boolean> decided = new ConcurrentHashMap<>();
    private volatile @Nullable Snapshot snapshot;
    private volatile boolean started;

    public EgressGate(
            EgressSettings settings,
            ObjectProvider<VendorAgreements> agreements,
            ApplicationEventPublisher events,
            TransactionOperations transactions,
            Clock clock) {
        this.settings = settings;
        this.agreements = agreements;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Registers an integration; call once, when it is built.
     *
     * @throws StartupException if its vendor setting is missing, or (once the register is readable)
     *     names an unknown vendor
     */
    public Egress register(EgressDeclaration declaration) {
        String name = declaration.integration();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("integration names are one lower-case word");
        }
        String vendor = settings.vendor().get(name);
        if (vendor == null || vendor.isBlank()) {
            throw new StartupException(
                    EgressSettings.variable(name),
                    "the " + declaration.description()
                            + " can carry PHI or audit data off this server: name the vendor whose BAA covers it"
                            + " (or " + SELF_HOSTED + " if this organisation runs it)");
        }
        Egress egress = new Egress(
                name,
                vendor.strip(),
                declaration.description(),
                declaration.carries(),
                declaration.destination(),
                declaration.transport());
        registered.put(name, egress);
        if (started && !egress.selfHosted()) {
            requireKnown(egress);
        }
        return egress;
    }

    /** Whether {@code egress} may send now; false means hold everything back and ask again later. */
    public boolean permits(Egress egress) {
        if (egress.selfHosted()) {
            return true;
        }
        VendorAgreements.Standing standing = standings().get(egress.vendor());
        boolean permitted = standing != null && standing.permitsPhi();
        Boolean before = decided.get(egress.integration());
        if (before == null || before != permitted) {
            changed(egress, standing, permitted, before);
        }
        return permitted;
    }

    /** Every registered integration with its vendor's standing now, by name. */
    public List<Status> statuses() {
        Map<String, VendorAgreements.Standing> now = standings();
        List<Status> out = new ArrayList<>();
        for (Egress e : registered.values()) {
            VendorAgreements.Standing s = now.get(e.vendor());
            out.add(new Status(e, s, e.selfHosted() || (s != null && s.permitsPhi())));
        }
        out.sort(Comparator.comparing(s -> s.egress().integration()));
        return out;
    }

    /** Every registered integration, by name. */
    public List<Egress> registered() {
        return registered.values().stream()
                .sorted(Comparator.comparing(Egress::integration))
                .toList();
    }

    /** The vendor register changed on this node: read it again at the next decision. */
    public void agreementsChanged() {
        snapshot = null;
    }

    private synchronized void changed(
            Egress egress, VendorAgreements.@Nullable Standing standing, boolean permitted, @Nullable Boolean before) {
        Boolean current = decided.get(egress.integration());
        if (current != null && current == permitted) {
            return; // another thread recorded this change already
        }
        decided.put(egress.integration(), permitted);
        if (before == null && permitted) {
            return; // a quiet start: nothing changed
        }
        EgressStateChanged event = new EgressStateChanged(
                egress.integration(),
                egress.vendor(),
                standing == null ? VendorAgreements.Standing.MISSING : standing,
                permitted,
                clock.instant());
        transactions.executeWithoutResult(tx -> events.publishEvent(event));
    }

    private Map<String, VendorAgreements.Standing> standings() {
        Snapshot s = snapshot;
        long now = System.nanoTime();
        if (s == null || now - s.takenNanos() > settings.refresh().toNanos()) {
            VendorAgreements register = agreements.getIfAvailable();
            s = new Snapshot(register == null ? Map.of() : Map.copyOf(register.standings()), now);
            snapshot = s;
        }
        return s.standings();
    }

    private void requireKnown(Egress egress) {
        if (!standings().containsKey(egress.vendor())) {
            throw new StartupException(
                    EgressSettings.variable(egress.integration()),
                    "names vendor '" + egress.vendor() + "', which is not in the vendor register");
        }
    }

    @Override
    public void start() {
        snapshot = null;
        registered.values().stream().filter(e -> !e.selfHosted()).forEach(this::requireKnown);
        started = true;
    }

    @Override
    public void stop() {
        started = false;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Before the integrations start sending. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
