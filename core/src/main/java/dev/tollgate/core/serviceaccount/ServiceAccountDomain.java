package dev.tollgate.core.serviceaccount;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The service-account domain: every address whose domain ends in the label {@code iam}
 * ({@code x@p.iam}, {@code admin@tollgate.iam}, {@code x@iam}) belongs to service accounts, and no
 * person may hold one. The label is compared by what a reader sees, not by its bytes: an
 * internationalized label ({@code xn--…}) is decoded, brought to NFKC, lower-cased, stripped of
 * accents and invisible characters, and Latin look-alikes from other scripts are folded onto the
 * Latin letter they imitate, so that no spelling of {@code iam} escapes the reservation.
 */
public final class ServiceAccountDomain {
    private static final String LABEL = ServiceAccount.EMAIL_DOMAIN_SUFFIX.substring(1);

    /**
     * Letters of other scripts (and Latin variants NFKC leaves alone) that are drawn like a Latin
     * letter. The class is "anything that renders as a Latin letter", so every Latin letter is
     * covered, not only the ones of {@code iam}.
     */
    private static final Map<Integer, Character> LATIN_LOOKALIKES = lookalikes(
            // Cyrillic
            "а:a", "в:b", "с:c", "ԁ:d", "е:e", "ё:e", "һ:h", "і:i", "ї:i", "ӏ:l", "ј:j", "к:k", "м:m", "н:h", "о:o",
            "р:p", "ԛ:q", "г:r", "ѕ:s", "т:t", "ц:u", "ѵ:v", "ԝ:w", "х:x", "у:y", "з:z", "ь:b", "п:n",
            // Greek
            "α:a", "β:b", "ϲ:c", "δ:d", "ε:e", "ι:i", "ί:i", "ϊ:i", "κ:k", "ν:v", "ο:o", "ρ:p", "τ:t", "υ:u", "χ:x",
            "γ:y", "ζ:z", "μ:u", "η:n", "ω:w",
            // Armenian, Cherokee and Latin variants
            "ս:u", "օ:o", "հ:h", "ո:n", "ꮇ:m", "ꭵ:v",
            "ı:i", "ɩ:i", "ɪ:i", "ȷ:j", "ɑ:a", "ɡ:g", "ʍ:m", "ɱ:m", "ᴍ:m", "ᴀ:a", "ʀ:r", "ꜱ:s", "ᴜ:u", "ᴠ:v", "ᴡ:w", "ᴢ:z",
            "ℓ:l", "ǀ:l");

    private ServiceAccountDomain() {}

    /** Whether {@code domain} (ASCII or Unicode, any case, with or without a final dot) is in the service-account domain. */
    public static boolean contains(String domain) {
        if (domain == null) {
            return false;
        }
        String folded = fold(domain);
        while (folded.endsWith(".")) {
            folded = folded.substring(0, folded.length() - 1);
        }
        int dot = folded.lastIndexOf('.');
        return folded.substring(dot + 1).equals(LABEL);
    }

    /** Whether the address {@code email} names the service-account domain after its last {@code @}. */
    public static boolean containsAddress(String email) {
        int at = email == null ? -1 : email.lastIndexOf('@');
        return at >= 0 && contains(email.substring(at + 1));
    }

    /** What a reader sees: each label decoded from punycode, compatibility-folded, without marks or invisibles, look-alikes folded. */
    static String fold(String domain) {
        String text = separators(Normalizer.normalize(domain, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT));
        return Arrays.stream(text.split("\\.", -1)).map(label -> separators(foldLabel(label))).collect(Collectors.joining("."));
    }

    /** IDNA treats the ideographic and full-width full stops as label separators, like the full stop. */
    private static String separators(String text) {
        return text.replace('\u3002', '.').replace('\uff0e', '.').replace('\uff61', '.');
    }

    private static String foldLabel(String label) {
        String unicode = label.startsWith("xn--") ? Punycode.decode(label.substring(4)).orElse(label) : label;
        String decomposed = Normalizer.normalize(Normalizer.normalize(unicode, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        var out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.FORMAT) {
                return;
            }
            Character latin = LATIN_LOOKALIKES.get(cp);
            if (latin != null) {
                out.append(latin.charValue());
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    private static Map<Integer, Character> lookalikes(String... pairs) {
        var map = new java.util.HashMap<Integer, Character>();
        for (String pair : pairs) {
            map.put(pair.codePointAt(0), pair.charAt(pair.length() - 1));
        }
        return Map.copyOf(map);
    }
}
