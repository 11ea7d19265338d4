package dev.tollgate.core.discovery;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Orders API versions the way a developer reads them: by major number ({@code v10} after {@code v2}),
 * and within one major the stable version ({@code v2}) after its pre-releases ({@code v2beta1}).
 */
final class VersionOrder {

    static final Comparator<String> OLDEST_FIRST = VersionOrder::compare;

    private static final Pattern VERSION = Pattern.compile("v([0-9]+)(.*)");
    // Catalog versions are bounded by the catalog's size; longer digit runs compare by length first.
    private static final Comparator<String> NUMERIC = Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private VersionOrder() {
    }

    private static int compare(String a, String b) {
        Matcher left = VERSION.matcher(a);
        Matcher right = VERSION.matcher(b);
        if (!left.matches() || !right.matches()) {
            return a.compareTo(b);
        }
        int byMajor = NUMERIC.compare(stripZeros(left.group(1)), stripZeros(right.group(1)));
        if (byMajor != 0) {
            return byMajor;
        }
        String leftSuffix = left.group(2);
        String rightSuffix = right.group(2);
        if (leftSuffix.isEmpty() != rightSuffix.isEmpty()) {
            return leftSuffix.isEmpty() ? 1 : -1;
        }
        return leftSuffix.compareTo(rightSuffix);
    }

    private static String stripZeros(String digits) {
        int i = 0;
        while (i < digits.length() - 1 && digits.charAt(i) == '0') {
            i++;
        }
        return digits.substring(i);
    }
}
