package health.securevisit.risk.internal;

import health.securevisit.platform.PhiFlowMap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Draws the map as SVG with Graphviz {@code dot} (Debian's graphviz): the layout is dot's, no
 * coordinate is placed by hand. Labels are escaped for DOT; dot escapes them again for SVG.
 */
@Component
public class FlowDrawing {

    static final long TIMEOUT_SECONDS = 20;

    /** The DOT source of {@code map}. */
    public static String dot(PhiFlowMap map) {
        StringBuilder b = new StringBuilder("digraph phi {\n  rankdir=LR;\n  fontname=\"sans-serif\";\n");
        b.append("  node [fontname=\"sans-serif\", fontsize=11, style=filled];\n");
        b.append("  edge [fontname=\"sans-serif\", fontsize=9];\n");
        for (PhiFlowMap.Node n : map.nodes()) {
            String label = n.label()
                    + (n.atRest() == null
                            ? ""
                            : "\n" + (n.atRest().encrypted() ? "encrypted at rest: " : "not encrypted at rest: ")
                                    + n.atRest().how());
            b.append("  ")
                    .append(quote(n.id()))
                    .append(" [label=")
                    .append(quote(label))
                    .append(", shape=")
                    .append(shape(n.kind()))
                    .append(", fillcolor=")
                    .append(quote(fill(n.kind())))
                    .append("];\n");
        }
        for (PhiFlowMap.Edge e : map.edges()) {
            boolean ok = e.transport().protectedInTransit();
            b.append("  ")
                    .append(quote(e.from()))
                    .append(" -> ")
                    .append(quote(e.to()))
                    .append(" [label=")
                    .append(quote(e.carries() + "\n" + e.transport().label()))
                    .append(ok ? ", color=\"#2b5d34\"" : ", color=\"#b00020\", penwidth=2, style=dashed")
                    .append("];\n");
        }
        return b.append("}\n").toString();
    }

    /** The SVG of {@code map}. @throws RiskFailure when dot fails */
    public byte[] svg(PhiFlowMap map) {
        try {
            Process dot = new ProcessBuilder("dot", "-Tsvg")
                    .redirectErrorStream(false)
                    .start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(dot.getInputStream()));
            CompletableFuture.runAsync(() -> readAll(dot.getErrorStream()));
            try (OutputStream in = dot.getOutputStream()) {
                in.write(dot(map).getBytes(StandardCharsets.UTF_8));
            }
            if (!dot.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || dot.exitValue() != 0) {
                dot.destroyForcibly();
                throw RiskFailure.mapUnavailable();
            }
            return out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw RiskFailure.mapUnavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw RiskFailure.mapUnavailable();
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toByteArray();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> {}
                default -> b.append(c < 0x20 ? ' ' : c);
            }
        }
        return b.append('"').toString();
    }

    private static String shape(PhiFlowMap.Kind kind) {
        return switch (kind) {
            case PERSON -> "oval";
            case STORE -> "cylinder";
            case VENDOR -> "component";
            case DEVICE -> "hexagon";
            case MODULE -> "box";
        };
    }

    private static String fill(PhiFlowMap.Kind kind) {
        return switch (kind) {
            case PERSON -> "#e3f2fd";
            case STORE -> "#ede7f6";
            case VENDOR -> "#fff3e0";
            case DEVICE -> "#e0f2f1";
            case MODULE -> "#eceff1";
        };
    }
}
