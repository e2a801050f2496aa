package health.securevisit.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The egress gate's own cost (docs/benchmarks/vendors.md): {@link EgressGate#permits} for a
 * registered integration whose vendor's BAA is current, with the register snapshot cached, as the
 * syslog exporter asks it once per batch. The baseline is a self-hosted integration, which answers
 * without looking anything up.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EgressGateBenchmark {

    EgressGate gate;
    Egress vendor;
    Egress selfHosted;

    @Setup(Level.Trial)
    public void setUp() {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("agreements", (VendorAgreements) () -> Map.of("siem", VendorAgreements.Standing.CURRENT));
        gate = new EgressGate(
                new EgressSettings(Map.of("syslog", "siem", "local", EgressGate.SELF_HOSTED), Duration.ofMinutes(5)),
                beans.getBeanProvider(VendorAgreements.class),
                e -> {},
                TransactionOperations.withoutTransaction(),
                Clock.systemUTC());
        vendor = gate.register(declaration("syslog"));
        selfHosted = gate.register(declaration("local"));
        gate.start();
        if (!gate.permits(vendor)) {
            throw new IllegalStateException("the bench vendor's BAA must be current");
        }
    }

    private static EgressDeclaration declaration(String name) {
        return new EgressDeclaration(
                name, "bench " + name, "audit identifiers", "siem.example:6514", Transport.tls("TLSv1.3"));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gate.stop();
    }

    @Benchmark
    public boolean permitsVendorWithCurrentBaa() {
        return gate.permits(vendor);
    }

    @Benchmark
    public boolean permitsSelfHosted() {
        return gate.permits(selfHosted);
    }
}
