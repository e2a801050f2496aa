package health.securevisit.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** Makes the application's throttles; each module keeps the ones it creates. */
public interface Throttles {

    /** Characters of an IPv6 address literal (hex digits, colons, an embedded IPv4 part). */
    Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /**
     * The throttle key of a client address: an IPv4 address as it is, an IPv6 address as its /64
     * prefix (one subscriber usually holds a whole /64, so counting single IPv6 addresses would
     * let one client spread its attempts over 2^64 keys). Anything that is not an address literal
     * is returned unchanged.
     */
    static String sourceKey(String address) {
        if (address.indexOf(':') < 0 || !IPV6_LITERAL.matcher(address).matches()) {
            return address;
        }
        byte[] bytes;
        try {
            // A literal: parsed without any name lookup.
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
        if (bytes.length != 16) {
            return address;
        }
        Arrays.fill(bytes, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** A new throttle named {@code name} (for logs and metrics) counting by {@code rule}. */
    Throttle create(String name, ThrottleRule rule);
}
