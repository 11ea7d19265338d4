package dev.tollgate.core.serviceaccount;

import java.util.Optional;

/**
 * RFC 3492 decoding of one label's punycode (the part after {@code xn--}), without IDNA's checks:
 * what matters here is what a label shows, including labels IDNA would refuse (which
 * {@link java.net.IDN#toUnicode} then returns undecoded).
 */
final class Punycode {
    private static final int BASE = 36;
    private static final int T_MIN = 1;
    private static final int T_MAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 128;
    /** A label is at most 63 characters; anything decoding longer is not a label. */
    private static final int MAX_OUTPUT = 63;

    private Punycode() {}

    static Optional<String> decode(String input) {
        int basicEnd = Math.max(input.lastIndexOf('-'), 0);
        var output = new StringBuilder();
        for (int j = 0; j < basicEnd; j++) {
            char c = input.charAt(j);
            if (c >= 0x80) {
                return Optional.empty();
            }
            output.append(c);
        }
        int[] codePoints = output.codePoints().toArray();
        int length = codePoints.length;
        int[] out = new int[MAX_OUTPUT];
        System.arraycopy(codePoints, 0, out, 0, length);
        long n = INITIAL_N;
        long i = 0;
        int bias = INITIAL_BIAS;
        for (int in = basicEnd > 0 ? basicEnd + 1 : 0; in < input.length(); ) {
            long oldI = i;
            long w = 1;
            for (int k = BASE; ; k += BASE) {
                if (in >= input.length()) {
                    return Optional.empty();
                }
                int digit = digit(input.charAt(in++));
                if (digit < 0 || i > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
                i += digit * w;
                int t = k <= bias ? T_MIN : Math.min(k - bias, T_MAX);
                if (digit < t) {
                    break;
                }
                w *= BASE - t;
                if (w > Integer.MAX_VALUE) {
                    return Optional.empty();
                }
            }
            bias = adapt(i - oldI, length + 1, oldI == 0);
            n += i / (length + 1);
            i %= length + 1;
            if (n > Character.MAX_CODE_POINT || length >= MAX_OUTPUT) {
                return Optional.empty();
            }
            System.arraycopy(out, (int) i, out, (int) i + 1, length - (int) i);
            out[(int) i] = (int) n;
            length++;
            i++;
        }
        return Optional.of(new String(out, 0, length));
    }

    private static int adapt(long delta, int numPoints, boolean first) {
        delta = first ? delta / DAMP : delta / 2;
        delta += delta / numPoints;
        int k = 0;
        while (delta > ((BASE - T_MIN) * T_MAX) / 2) {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        return (int) (k + (BASE - T_MIN + 1) * delta / (delta + SKEW));
    }

    private static int digit(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        return -1;
    }
}
