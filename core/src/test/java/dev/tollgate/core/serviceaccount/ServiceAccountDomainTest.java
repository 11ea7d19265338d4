package dev.tollgate.core.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.IDN;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceAccountDomainTest {

    @ParameterizedTest
    @ValueSource(strings = {"bücher", "\u0440\u0444", "\u4e2d\u6587", "\u0456am", "\u03b9am", "m\u00fcnchen-2", "\u00e9t\u00e9"})
    void punycodeDecodesWhatIdnEncodes(String unicode) {
        String ascii = IDN.toASCII(unicode, IDN.ALLOW_UNASSIGNED);
        assertThat(ascii).startsWith("xn--");
        assertThat(Punycode.decode(ascii.substring(4))).contains(unicode);
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "a-!", "a-9", "é-b", "99999999999999999999999999999999999999999999999999"})
    void malformedPunycodeDecodesToNothingRatherThanFailing(String label) {
        assertThat(Punycode.decode(label)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p.iam", "iam", "P.IAM", "p.iam.", "tollgate.xn--am-goc", "tollgate.\uff49\uff41\uff4d", "p\u3002iam",
            "p.xn--iam-5m0a", "p.\u026aam", "p.i\u0251m"})
    void theServiceAccountDomainIsRecognisedAsAReaderSeesIt(String domain) {
        assertThat(ServiceAccountDomain.contains(domain)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "iam.example.com", "p.iamx", "p.i-am", "p.xn--p1ai", "localhost", ""})
    void otherDomainsAreNot(String domain) {
        assertThat(ServiceAccountDomain.contains(domain)).isFalse();
    }

    @Test
    void serviceAccountAddressesAreInTheDomain() {
        assertThat(ServiceAccountDomain.containsAddress(ServiceAccount.emailOf("robot-1", "my-project"))).isTrue();
        assertThat(ServiceAccountDomain.containsAddress("alice@example.com")).isFalse();
        assertThat(ServiceAccountDomain.containsAddress(null)).isFalse();
    }
}
